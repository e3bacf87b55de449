using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Journey 7: with JavaScript switched off, activation, sign-in and setup still work.</summary>
public sealed class NoJavaScriptJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Activation_SignIn_AndSetup_WorkWithoutJavaScript()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithName("Jan Jansen").InvitedAsync(ct);
        const string password = "alles werkt zonder script";
        await using var person = await portal.VisitorAsync("no-javascript", new VisitorOptions { JavaScript = false });

        await person.StepAsync("activate", async page =>
        {
            await page.GotoAsync(account.ActivationLink.PathAndQuery);
            await page.Locator("#Password").FillAsync(password);
            await page.Locator("#ConfirmPassword").FillAsync(password);
            await page.Locator("form.set-password button[type=submit]").ClickAsync();
            await Visitor.ArrivedAtAsync(page, "/Account/Login");
        });
        await person.StepAsync("sign-in-and-set-up", async page =>
        {
            await person.SignInAsync(account.Email, password);
            Assert.Equal("Tweestapsverificatie instellen", await person.HeadingAsync());
            Assert.True(await page.Locator("button[data-copy-target]").IsHiddenAsync());
            await person.SetUpAuthenticatorAsync();
            Assert.Equal("Uw herstelcodes", await person.HeadingAsync());
            await page.Locator("main .actions a.button:not(.button--secondary)").ClickAsync();
            Assert.Equal("Welkom, Jan Jansen", await person.HeadingAsync());
        });
    }
}
