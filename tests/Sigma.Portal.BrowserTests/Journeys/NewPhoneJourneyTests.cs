using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Journey 3: a new phone under Settings; the old phone keeps working until the new one is validated.</summary>
public sealed class NewPhoneJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task NewPhone_OldCodeWorksInAnotherBrowserUntilTheNewOneIsValidated()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithName("Fatima El Amrani").WithAuthenticatorAsync(ct);
        await using var person = await portal.VisitorAsync("new-phone");
        await person.StepAsync("sign-in", async _ =>
        {
            await person.SignInAsync(account.Email, account.Password!);
            await person.EnterCodeAsync(account.AuthenticatorKey!);
        });

        await person.StepAsync("settings", page => page.GotoAsync("/Settings"), new Guide("nl-09-settings"));
        await person.StepAsync("reauthenticate", async page =>
        {
            await page.Locator("main a[href$='/NewPhone']").ClickAsync();
            await page.Locator("#Password").FillAsync(account.Password!);
            await page.Locator("#Code").FillAsync(portal.NextCode(account.AuthenticatorKey!));
        }, new Guide("nl-10-confirm-it-is-you"));

        var newKey = "";
        await person.StepAsync("new-qr-code", async page =>
        {
            await page.Locator("form.confirm-form button[type=submit]").ClickAsync();
            Assert.Equal("Nieuwe telefoon instellen", await person.HeadingAsync());
            newKey = await page.Locator("#manual-key").InnerTextAsync();
        }, new Guide("nl-11-new-phone", Phone: true));
        Assert.NotEqual(account.AuthenticatorKey, newKey);

        await using (var elsewhere = await portal.VisitorAsync("old-phone-before"))
        {
            await elsewhere.StepAsync("old-code-still-works", async _ =>
            {
                await elsewhere.SignInAsync(account.Email, account.Password!);
                await elsewhere.EnterCodeAsync(account.AuthenticatorKey!);
                Assert.Equal("Welkom, Fatima El Amrani", await elsewhere.HeadingAsync());
            });
        }

        await person.StepAsync("validate-new-phone", async _ => await person.EnterCodeAsync(newKey));

        await using var later = await portal.VisitorAsync("old-phone-after");
        await later.StepAsync("old-code-refused", async page =>
        {
            await later.SignInAsync(account.Email, account.Password!);
            await later.EnterCodeAsync(account.AuthenticatorKey!);
            Assert.Equal("Vul uw code in", await later.HeadingAsync());
            Assert.Contains("Deze code klopt niet", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        });
        await later.StepAsync("new-code-works", async _ =>
        {
            await later.EnterCodeAsync(newKey);
            Assert.Equal("Welkom, Fatima El Amrani", await later.HeadingAsync());
        });
    }
}
