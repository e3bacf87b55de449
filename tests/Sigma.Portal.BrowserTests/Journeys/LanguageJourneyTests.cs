using Sigma.Portal.BrowserTests.Infrastructure;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Journey 5: Dutch by default, English on request, and the choice sticks.</summary>
public sealed class LanguageJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task LoginPage_DutchByDefault_EnglishOnRequest_AndTheChoiceSticks()
    {
        await using var person = await portal.VisitorAsync("language");
        await person.StepAsync("dutch", async page =>
        {
            await page.GotoAsync("/Account/Login");
            Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));
            Assert.Equal("Inloggen", (await page.Locator("form.login-form button[type=submit]").InnerTextAsync()).Trim());
        });
        await person.StepAsync("english", async page =>
        {
            await page.Locator("form.language-switch button").ClickAsync();
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
            Assert.Equal("Sign in", (await page.Locator("form.login-form button[type=submit]").InnerTextAsync()).Trim());
        });
        await person.StepAsync("still-english", async page =>
        {
            await page.GotoAsync("/help");
            await page.GotoAsync("/Account/Login");
            Assert.Equal("Sign in", (await page.Locator("form.login-form button[type=submit]").InnerTextAsync()).Trim());
        });
        await person.StepAsync("back-to-dutch", async page =>
        {
            await page.Locator("form.language-switch button").ClickAsync();
            Assert.Equal("Inloggen", (await page.Locator("form.login-form button[type=submit]").InnerTextAsync()).Trim());
        });
    }
}
