using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Journey 4: a lost phone; a Sigma representative resets two-factor and passes on the access code.</summary>
public sealed class LostPhoneJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task LostPhone_AdministratorResets_PersonSetsUpAgainWithTheAccessCode_AndTheAuditShowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithName("Kees Visser").WithAuthenticatorAsync(ct);
        var (admin, _) = await People.AdministratorAsync(portal, ct);
        await using var __ = admin;

        var accessCode = "";
        await admin.StepAsync("admin-reset", async page =>
        {
            await page.GotoAsync($"/Admin/Accounts/{account.Id}");
            await page.Locator($"a[href='/Admin/Accounts/{account.Id}/ResetTwoFactor']").ClickAsync();
            await page.Locator("#Reason").FillAsync("Telefoon verloren; identiteit telefonisch gecontroleerd");
        }, new Guide("nl-12-admin-reset"));
        await admin.StepAsync("admin-access-code", async page =>
        {
            await page.Locator("form.confirm-reset button[type=submit]").ClickAsync();
            accessCode = await page.Locator("#access-pass").InnerTextAsync();
        }, new Guide("nl-13-admin-access-code"));

        await using var person = await portal.VisitorAsync("lost-phone");
        await person.StepAsync("enter-access-code", async page =>
        {
            await person.SignInAsync(account.Email, account.Password!);
            await page.Locator("#AccessPass").FillAsync(accessCode);
        }, new Guide("nl-14-access-code", Phone: true));
        await person.StepAsync("set-up-again", async page =>
        {
            await page.Locator("form.access-pass-form button[type=submit]").ClickAsync();
            Assert.Equal("Tweestapsverificatie instellen", await person.HeadingAsync());
            await person.SetUpAuthenticatorAsync();
            await page.Locator("main .actions a.button:not(.button--secondary)").ClickAsync();
            Assert.Equal("Welkom, Kees Visser", await person.HeadingAsync());
        });

        await admin.StepAsync("admin-audit", async page =>
        {
            await page.GotoAsync("/Admin/Audit?Account=" + Uri.EscapeDataString(account.Email));
            var events = await page.Locator("table.security-events").InnerTextAsync();
            Assert.Contains("Telefoon verloren", events, StringComparison.Ordinal);
        });
        await admin.StepAsync("admin-status", async page =>
        {
            await page.GotoAsync("/Admin/Status");
            Assert.Equal("Status", await admin.HeadingAsync());
            Assert.Contains("Ingelogd", await page.Locator("table.status-signins").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("(deze)", await page.Locator("table.status-instances").InnerTextAsync(), StringComparison.Ordinal);
        });
    }
}
