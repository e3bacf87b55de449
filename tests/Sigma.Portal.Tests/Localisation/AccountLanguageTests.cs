using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Localisation;

/// <summary>
/// An account set to English gets English pages from its activation link on, and after the password step, on a browser
/// that never chose a language; a choice made with the switch still wins.
/// </summary>
public sealed class AccountLanguageTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EnglishAccount_ActivationAndFirstPagesAfterSignIn_AreInEnglish()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InEnglish().InvitedAsync(ct);
        var password = AccountBuilder.NewPassword();
        var browser = app.NewBrowser();

        var activation = await browser.OpenAsync(account.ActivationLink.PathAndQuery, ct);
        var login = await browser.SubmitAsync(activation, "form.set-password", new Dictionary<string, string> { ["Password"] = password, ["ConfirmPassword"] = password }, ct);
        var setup = await app.NewBrowser().PasswordStepAsync(account.Email, password, ct);

        Assert.Equal("en", activation.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Choose your password", activation.Text("h1"));
        Assert.Equal("en", login.Document.DocumentElement.GetAttribute("lang"));
        // A browser that only signed in: the password step is where the account becomes known.
        Assert.Equal("/TwoFactor/Setup", setup.Url.AbsolutePath);
        Assert.Equal("en", setup.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Set up two-step verification", setup.Text("h1"));
    }

    [Fact]
    public async Task EnglishAccount_OnABrowserSwitchedToDutch_StaysDutch()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InEnglish().InvitedAsync(ct);
        var browser = app.NewBrowser();
        var page = await browser.OpenAsync("/Account/Login", ct);
        await browser.SubmitAsync(page, "form.language-switch", new Dictionary<string, string> { ["Language"] = "nl" }, ct);

        var activation = await browser.OpenAsync(account.ActivationLink.PathAndQuery, ct);

        Assert.Equal("nl", activation.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Kies uw wachtwoord", activation.Text("h1"));
    }

    [Fact]
    public async Task DutchAccount_AfterAnEnglishOneOnTheSameBrowser_GetsDutchAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var english = await new AccountBuilder(app).InEnglish().WithAuthenticatorAsync(ct);
        var dutch = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, english, ct);
        await browser.SignOutAsync(ct);

        var verify = await browser.PasswordStepAsync(dutch.Email, dutch.Password!, ct);

        Assert.Equal("nl", verify.Document.DocumentElement.GetAttribute("lang"));
    }
}
