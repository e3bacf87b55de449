using System.Globalization;
using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.SignIn;

namespace Sigma.Portal.Tests.TwoFactor;

/// <summary>
/// The gate over every endpoint, read from the running app: which pages need no sign-in, which a password alone
/// reaches, and that every other page sends a password-only visitor back to the login.
/// </summary>
public sealed class TwoFactorGateTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    /// <summary>Each GET here is also a HEAD (the same endpoint, see HeadRequestTests); <see cref="WithHead"/> adds them.</summary>
    private static readonly HashSet<string> Anonymous = WithHead(
    [
        "GET /Account/Login", "POST /Account/Login", "POST /Account/ChooseAccount", "POST /Account/Passkey/Options", "POST /Account/Passkey",
        "GET /Account/Activate", "POST /Account/Activate", "GET /Account/ResetPassword", "POST /Account/ResetPassword",
        "GET /Account/ResendActivation", "POST /Account/ResendActivation", "GET /Account/ForgotPassword", "POST /Account/ForgotPassword",
        "POST /language", "GET /error/{statusCode:int}", "POST /error/{statusCode:int}",
        "GET /dev/mailbox", "GET /dev/mailbox/{id:guid}", "GET /dev/mailbox/{id:guid}/html", "GET /health", "POST /health",
        "GET /help", "GET /help/{slug}",
        // The OpenID Connect endpoints: OpenIddict checks the protocol, ApplicationSignIn the portal session behind it.
        "GET /connect/authorize", "POST /connect/authorize", "POST /connect/token", "GET /connect/endsession", "POST /connect/endsession",
    ]);

    private static readonly HashSet<string> PasswordStep = WithHead(
    [
        "GET /TwoFactor/Setup", "POST /TwoFactor/Setup", "POST /TwoFactor/Skip",
        "GET /TwoFactor/Verify", "POST /TwoFactor/Verify", "GET /TwoFactor/Recovery", "POST /TwoFactor/Recovery",
        "POST /TwoFactor/Passkey/Options", "POST /TwoFactor/Passkey",
        "GET /TwoFactor/AccessPass", "POST /TwoFactor/AccessPass", "POST /TwoFactor/Cancel",
    ]);

    private static HashSet<string> WithHead(string[] endpoints) =>
        [.. endpoints, .. endpoints.Where(e => e.StartsWith("GET ", StringComparison.Ordinal)).Select(e => "HEAD " + e[4..])];

    [Fact]
    public void Endpoints_OpenWithoutSignIn_AreExactlyTheKnownOnes()
    {
        var open = EndpointCatalog.All(app.Services).Where(e => e.AllowsAnonymous).Select(e => e.ToString()).ToHashSet();

        Assert.Equal(Anonymous.Order(), open.Order());
    }

    [Fact]
    public void Endpoints_ReachableWithPasswordAlone_AreExactlyTheTwoFactorSteps()
    {
        var partial = EndpointCatalog.All(app.Services)
            .Where(e => e.Schemes.Contains(TwoFactorSchemes.PasswordVerified))
            .Select(e => e.ToString()).ToHashSet();

        Assert.Equal(PasswordStep.Order(), partial.Order());
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task EveryOtherEndpoint_WithPasswordAlone_SendsToTheLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        var guarded = EndpointCatalog.All(app.Services).Where(e => !e.AllowsAnonymous && !PasswordStep.Contains(e.ToString())).ToList();
        foreach (var endpoint in guarded)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
            using var response = await browser.Client.SendAsync(request, ct);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{endpoint}: {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.NotEmpty(guarded);
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task Session_WithoutSecondFactor_EndsOnceTwoFactorIsRequired()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var beforeDeadline = new PortalFactory();
        beforeDeadline.Settings["TwoFactor:RequiredFrom"] = (beforeDeadline.Clock.GetUtcNow() + TimeSpan.FromDays(1)).ToString("O", CultureInfo.InvariantCulture);
        await beforeDeadline.InitializeAsync();
        var account = await new AccountBuilder(beforeDeadline).ActivatedAsync(ct);
        var browser = beforeDeadline.NewBrowser();
        var setup = await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        var home = await browser.SubmitAsync(setup, "form.skip-form", new Dictionary<string, string>(), ct);
        beforeDeadline.Clock.Advance(TimeSpan.FromDays(1));
        var guarded = EndpointCatalog.All(beforeDeadline.Services).Where(e => !e.AllowsAnonymous && !PasswordStep.Contains(e.ToString())).ToList();
        foreach (var endpoint in guarded)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
            using var response = await browser.Client.SendAsync(request, ct);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{endpoint}: {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Contains("Later instellen", setup.Text("form.skip-form"), StringComparison.Ordinal);
        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task Setup_OnceTwoFactorIsRequired_CannotBeSkipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();
        var setup = await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        var token = setup.Document.QuerySelector("form.code-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var skip = await browser.Client.PostAsync(new Uri("/TwoFactor/Skip", UriKind.Relative), content, ct);
        using var home = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.False(setup.Has("form.skip-form"));
        Assert.StartsWith("/TwoFactor/Setup", skip.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordStep_AfterThePasswordChanged_IsNoLongerValid()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        await smtp.NextMessageAsync(account.Email, ct);
        var other = app.NewBrowser();
        var forgot = await other.OpenAsync("/Account/ForgotPassword", ct);
        await other.SubmitAsync(forgot, "form.request-link", new Dictionary<string, string> { ["Email"] = account.Email }, ct);
        var reset = await other.OpenAsync(SmtpSink.LinkIn(await smtp.NextMessageAsync(account.Email, ct), "/Account/ResetPassword").PathAndQuery, ct);
        var password = AccountBuilder.NewPassword();
        await other.SubmitAsync(reset, "form.set-password", new Dictionary<string, string> { ["Password"] = password, ["ConfirmPassword"] = password }, ct);

        var page = await browser.EnterCodeAsync(app, verify, account.AuthenticatorKey!, ct);

        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
    }
}
