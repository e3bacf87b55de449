using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.TwoFactor;

public sealed class NewPhoneTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task NewPhone_OldCodeWorksUntilTheNewOneIsValidatedAndNotAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        await smtp.NextMessageAsync(account.Email, ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);

        var newPhone = await ConfirmAsync(browser, account, "NewPhone", ct);
        var newKey = newPhone.Text("#manual-key");
        var oldStillWorks = await app.NewBrowser().SignInAsync(app, account, ct);
        var settings = await browser.EnterCodeAsync(app, newPhone, newKey, ct);
        var mail = await smtp.NextMessageAsync(account.Email, ct);
        var oldRefused = await SignInWithKeyAsync(account, account.AuthenticatorKey!, ct);
        var newWorks = await SignInWithKeyAsync(account, newKey, ct);

        Assert.Equal("Nieuwe telefoon instellen", newPhone.Text("h1"));
        Assert.NotEqual(account.AuthenticatorKey, newKey);
        Assert.Equal($"Welkom, {account.DisplayName}", oldStillWorks.Text("h1"));
        Assert.Contains("Uw nieuwe telefoon is ingesteld", settings.Text(".notice"), StringComparison.Ordinal);
        Assert.Equal("Uw authenticator-app is vervangen (Werknemer)", mail.Subject);
        Assert.Equal("/TwoFactor/Verify", oldRefused.Url.AbsolutePath);
        Assert.Equal($"Welkom, {account.DisplayName}", newWorks.Text("h1"));
    }

    [Fact]
    public async Task NewPhone_Cancelled_KeepsTheOldAuthenticator()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);
        var newPhone = await ConfirmAsync(browser, account, "NewPhone", ct);

        var settings = await browser.SubmitAsync(newPhone, "form.cancel-form", new Dictionary<string, string>(), ct);
        var old = await SignInWithKeyAsync(account, account.AuthenticatorKey!, ct);
        var abandoned = await SignInWithKeyAsync(account, newPhone.Text("#manual-key"), ct);

        Assert.Contains("geannuleerd", settings.Text(".notice"), StringComparison.Ordinal);
        Assert.Equal($"Welkom, {account.DisplayName}", old.Text("h1"));
        Assert.Equal("/TwoFactor/Verify", abandoned.Url.AbsolutePath);
    }

    [Fact]
    [Trait("Attack", "SessionHijack")]
    public async Task NewPhone_WithoutReauthentication_AsksForPasswordAndCodeFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);

        using var page = await browser.Client.GetAsync(new Uri("/Settings/TwoFactor/NewPhone", UriKind.Relative), ct);
        var confirm = await browser.OpenAsync("/Settings/TwoFactor/NewPhone", ct);
        var wrong = await browser.SubmitAsync(confirm, "form.confirm-form", new Dictionary<string, string>
        {
            ["Password"] = account.Password!,
            ["Code"] = "000000",
        }, ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("Bevestig dat u het bent", confirm.Text("h1"));
        Assert.Equal("Het wachtwoord of de code klopt niet.", wrong.Text(".validation-summary"));
    }

    [Fact]
    public async Task Reauthentication_ExpiresAfterFiveMinutes()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);
        await ConfirmAsync(browser, account, "NewPhone", ct);

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var page = await browser.OpenAsync("/Settings/TwoFactor/NewPhone", ct);

        Assert.Equal("Bevestig dat u het bent", page.Text("h1"));
    }

    [Fact]
    public async Task RecoveryCodes_Renewed_ReplaceTheOldOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);

        var codes = await ConfirmAsync(browser, account, "RecoveryCodes", ct);
        var fresh = codes.Document.QuerySelectorAll("ol.recovery-codes code").Select(c => c.TextContent).ToList();
        var settings = await browser.OpenAsync("/Settings", ct);

        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(account.RecoveryCodes));
        Assert.Contains("10", settings.Text("dl.summary"), StringComparison.Ordinal);
        Assert.Equal("/TwoFactor/Recovery", (await UseRecoveryCodeAsync(account, account.RecoveryCodes[0], ct)).Url.AbsolutePath);
        Assert.Equal("/", (await UseRecoveryCodeAsync(account, fresh[0], ct)).Url.AbsolutePath);
    }

    private async Task<Page> ConfirmAsync(PortalBrowser browser, TestAccount account, string next, CancellationToken ct)
    {
        var confirm = await browser.OpenAsync("/Settings/TwoFactor/Confirm?next=" + next, ct);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        return await browser.SubmitAsync(confirm, "form.confirm-form", new Dictionary<string, string>
        {
            ["Password"] = account.Password!,
            ["Code"] = TestTotp.CodeAt(account.AuthenticatorKey!, app.Clock.GetUtcNow()),
        }, ct);
    }

    private Task<Page> SignInWithKeyAsync(TestAccount account, string key, CancellationToken ct) =>
        app.NewBrowser().SignInAsync(app, account with { AuthenticatorKey = key }, ct);

    private async Task<Page> UseRecoveryCodeAsync(TestAccount account, string code, CancellationToken ct)
    {
        var browser = app.NewBrowser();
        await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var form = await browser.OpenAsync("/TwoFactor/Recovery", ct);
        return await browser.SubmitAsync(form, "form.recovery-form", new Dictionary<string, string> { ["RecoveryCode"] = code }, ct);
    }
}
