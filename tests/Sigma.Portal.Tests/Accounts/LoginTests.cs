using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

public sealed class LoginTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private const string Failed = "Het e-mailadres of het wachtwoord klopt niet";

    [Fact]
    public async Task Login_WithRightPasswordAndCode_OpensThePortal()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);

        var home = await app.NewBrowser().SignInAsync(app, account, ct);

        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
    }

    [Fact]
    public async Task Login_EmailInOtherCaseAndWithSpaces_StillSignsIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);

        var home = await app.NewBrowser().PasswordStepAsync("  " + account.Email.ToUpperInvariant() + " ", account.Password!, ct);

        Assert.Equal("/TwoFactor/Setup", home.Url.AbsolutePath);
    }

    [Fact]
    [Trait("Attack", "AccountEnumeration")]
    public async Task Login_WrongPasswordAndUnknownEmail_AnswerTheSame()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);

        var wrongPassword = await app.NewBrowser().PasswordStepAsync(account.Email, "niet het goede wachtwoord", ct);
        var unknownEmail = await app.NewBrowser().PasswordStepAsync($"nobody-{Guid.NewGuid():N}@test.example", "niet het goede wachtwoord", ct);

        Assert.Equal(HttpStatusCode.OK, wrongPassword.Status);
        Assert.Equal(wrongPassword.Status, unknownEmail.Status);
        Assert.Contains(Failed, wrongPassword.Text(".validation-summary"), StringComparison.Ordinal);
        Assert.Equal(wrongPassword.Text("main"), unknownEmail.Text("main"));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task Login_AfterTooManyWrongPasswords_RefusesEvenTheRightOneUntilTheLockoutEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await browser.PasswordStepAsync(account.Email, $"fout wachtwoord {attempt}", ct);
        }

        var locked = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);
        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterwards = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);

        Assert.Contains(Failed, locked.Text(".validation-summary"), StringComparison.Ordinal);
        Assert.Equal("/TwoFactor/Setup", afterwards.Url.AbsolutePath);
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task Login_SecondLockoutInARow_LastsTwiceAsLong()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await browser.PasswordStepAsync(account.Email, $"fout wachtwoord {attempt}", ct);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await browser.PasswordStepAsync(account.Email, $"nog een fout wachtwoord {attempt}", ct);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var stillLocked = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var open = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);

        Assert.Contains(Failed, stillLocked.Text(".validation-summary"), StringComparison.Ordinal);
        Assert.Equal("/TwoFactor/Setup", open.Url.AbsolutePath);
    }

    [Fact]
    public async Task Login_EmailWithEmployeeAndEmployerAccountsAndOnePassword_OffersTheChoice()
    {
        var ct = TestContext.Current.CancellationToken;
        var password = AccountBuilder.NewPassword();
        var employee = await new AccountBuilder(app).ActivatedAsync(ct, password);
        await new AccountBuilder(app).WithEmail(employee.Email).AsEmployer().ActivatedAsync(ct, password);
        var browser = app.NewBrowser();

        var chooser = await browser.PasswordStepAsync(employee.Email, password, ct);
        var buttons = chooser.Document.QuerySelectorAll("button[name=AccountType]").Select(b => b.TextContent.Trim()).ToList();
        var home = await browser.SubmitAsync(chooser, "main form", new Dictionary<string, string> { ["AccountType"] = "Employer" }, ct);

        Assert.Equal("Kies uw account", chooser.Text("h1"));
        Assert.Equal(["Werknemer", "Werkgever"], buttons);
        Assert.EndsWith("(Werkgever)", home.Text(".account-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_EmailWithTwoAccountsAndDifferentPasswords_OpensTheOneThatMatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var employee = await new AccountBuilder(app).ActivatedAsync(ct);
        var employer = await new AccountBuilder(app).WithEmail(employee.Email).AsEmployer().ActivatedAsync(ct);

        var home = await app.NewBrowser().PasswordStepAsync(employee.Email, employer.Password!, ct);

        Assert.EndsWith("(Werkgever)", home.Text(".account-label"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "AccountTakeover")]
    public async Task ChooseAccount_WithoutAPasswordCheckInThisBrowser_SignsNobodyIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var password = AccountBuilder.NewPassword();
        var employee = await new AccountBuilder(app).ActivatedAsync(ct, password);
        await new AccountBuilder(app).WithEmail(employee.Email).AsEmployer().ActivatedAsync(ct, password);
        var chooser = await app.NewBrowser().PasswordStepAsync(employee.Email, password, ct);
        var attacker = app.NewBrowser();
        await attacker.OpenAsync("/Account/Login", ct);

        var page = await attacker.SubmitAsync(chooser with { }, "main form", new Dictionary<string, string>
        {
            ["AccountType"] = "Employer",
            ["__RequestVerificationToken"] = (await attacker.OpenAsync("/Account/Login", ct)).Document
                .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }, ct);

        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Contains("Die keuze is verlopen", page.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_IsAPostThatEndsTheSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);

        using var get = await browser.Client.GetAsync(new Uri("/Account/Logout", UriKind.Relative), ct);
        var stillIn = await browser.OpenAsync("/", ct);
        var signedOut = await browser.SignOutAsync(ct);
        using var after = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal($"Welkom, {account.DisplayName}", stillIn.Text("h1"));
        Assert.Equal("U bent uitgelogd.", signedOut.Text(".notice"));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [Trait("Attack", "OpenRedirect")]
    public async Task Login_WithForeignReturnUrl_LandsOnTheHomePage(string returnUrl)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();
        var login = await browser.OpenAsync("/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl), ct);

        using var response = await browser.PostFormAsync(login, "form.login-form", new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password!,
        }, ct);

        Assert.Equal("/TwoFactor/Setup", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_WithLocalReturnUrl_GoesThereAfterTheCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var codePage = await browser.PasswordStepAsync(account.Email, account.Password!, ct, returnUrl: "/Settings");

        var page = await browser.EnterCodeAsync(app, codePage, account.AuthenticatorKey!, ct);

        Assert.Equal("/Settings", page.Url.AbsolutePath);
    }

    /// <summary>Every anonymous form that takes a password, a login name, a link's token or a passkey counts toward one per-client limit.</summary>
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/ChooseAccount")]
    [InlineData("/Account/ForgotPassword")]
    [InlineData("/Account/ResendActivation")]
    [InlineData("/Account/Activate")]
    [InlineData("/Account/ResetPassword")]
    [InlineData("/Account/Passkey")]
    [InlineData("/Account/Passkey/Options")]
    [Trait("Attack", "CredentialStuffing")]
    public async Task CredentialEndpoint_MoreRequestsFromOneClientThanTheLimit_AreSlowedDown(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();
        var form = await browser.OpenAsync("/Account/Login", ct);
        var antiforgery = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var statuses = new List<HttpStatusCode>();

        for (var request = 0; request < 31; request++)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery,
                ["Email"] = $"spray-{request}@test.example",
                ["Password"] = $"a guessed password {request}",
                ["ConfirmPassword"] = $"a guessed password {request}",
                ["AccountType"] = "Employee",
                ["User"] = Guid.NewGuid().ToString(),
                ["Token"] = $"guessed-token-{request}",
            });
            using var response = await browser.Client.PostAsync(new Uri(path, UriKind.Relative), content, ct);
            statuses.Add(response.StatusCode);
        }

        var otherClient = await app.NewBrowser().PasswordStepAsync("someone@test.example", "a password of some length", ct);
        Assert.All(statuses.Take(30), s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path} answered {s} within the limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
        Assert.Equal(HttpStatusCode.OK, otherClient.Status);
    }
}
