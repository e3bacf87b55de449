using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

public sealed class PasswordResetTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ForgotPassword_FromEmailToNewPassword_EndsOtherSessionsAndTellsThePerson()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        await smtp.NextMessageAsync(account.Email, ct);
        var elsewhere = app.NewBrowser();
        await elsewhere.SignInAsync(app, account, ct);
        var browser = app.NewBrowser();
        var newPassword = AccountBuilder.NewPassword();

        await RequestResetAsync(browser, account.Email, ct);
        var mail = await smtp.NextMessageAsync(account.Email, ct);
        var form = await browser.OpenAsync(SmtpSink.LinkIn(mail, "/Account/ResetPassword").PathAndQuery, ct);
        var login = await browser.SubmitAsync(form, "form.set-password", new Dictionary<string, string>
        {
            ["Password"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        }, ct);
        var notice = await smtp.NextMessageAsync(account.Email, ct);
        var otherSession = await elsewhere.OpenAsync("/", ct);
        var oldPassword = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);
        var home = await app.NewBrowser().SignInAsync(app, account with { Password = newPassword }, ct);

        Assert.Equal("Kies een nieuw wachtwoord voor het Sigma Portaal (Werknemer)", mail.Subject);
        Assert.Equal("Kies een nieuw wachtwoord", form.Text("h1"));
        Assert.Contains("Uw wachtwoord is gewijzigd", login.Text("main"), StringComparison.Ordinal);
        Assert.Equal("Uw wachtwoord is gewijzigd (Werknemer)", notice.Subject);
        Assert.Equal("/Account/Login", otherSession.Url.AbsolutePath);
        Assert.Equal("Inloggen", oldPassword.Text("h1"));
        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "AccountEnumeration")]
    public async Task ForgotPassword_UnknownEmail_LooksTheSameAndSendsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.example";

        var known = await RequestResetAsync(app.NewBrowser(), account.Email, ct);
        var stranger = await RequestResetAsync(app.NewBrowser(), unknown, ct);

        Assert.Equal(known.Status, stranger.Status);
        Assert.Equal(known.Text("main"), stranger.Text("main"));
        Assert.Empty((await SmtpSink.Shared).AllFor(unknown));
    }

    [Fact]
    public async Task ResetLink_AfterTwoHours_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        await RequestResetAsync(app.NewBrowser(), account.Email, ct);
        var link = SmtpSink.LinkIn(await smtp.NextMessageAsync(account.Email, ct), "/Account/ResetPassword");

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var page = await app.NewBrowser().OpenAsync(link.PathAndQuery, ct);

        Assert.Equal("Deze link werkt niet meer", page.Text("h1"));
    }

    [Fact]
    public async Task ForgotPassword_ForAccountNotYetActivated_SendsANewActivationLink()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);

        await RequestResetAsync(app.NewBrowser(), account.Email, ct);
        var mail = await smtp.NextMessageAsync(account.Email, ct);

        Assert.Equal("Activeer uw account bij Sigma Personeelsdiensten (Werknemer)", mail.Subject);
    }

    private static async Task<Page> RequestResetAsync(PortalBrowser browser, string email, CancellationToken ct)
    {
        var form = await browser.OpenAsync("/Account/ForgotPassword", ct);
        return await browser.SubmitAsync(form, "form.request-link", new Dictionary<string, string> { ["Email"] = email }, ct);
    }
}
