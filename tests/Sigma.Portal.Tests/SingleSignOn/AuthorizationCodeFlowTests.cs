using System.Net;
using System.Text.Json;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.SingleSignOn;

/// <summary>The code flow with PKCE, as an application uses it, against the portal's own sign-in.</summary>
public sealed class AuthorizationCodeFlowTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Discovery_OffersTheCodeFlowWithS256Only()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateClient();

        var discovery = JsonDocument.Parse(await client.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative), ct)).RootElement;

        Assert.Equal(PortalFactory.PublicBaseUrl.AbsoluteUri, discovery.GetProperty("issuer").GetString());
        Assert.Equal(["code"], Strings(discovery, "response_types_supported"));
        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "refresh_token"], Strings(discovery, "grant_types_supported").Order());
        Assert.Equal(["form_post", "query"], Strings(discovery, "response_modes_supported").Order());
        Assert.Contains("end_session_endpoint", discovery.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task SignIn_PasswordAndCode_GivesTheApplicationAValidIdTokenOfTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).AsEmployer("Bakkerij Flow BV").WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        var request = application.NewRequest();

        var back = await TestApplication.SignInThroughPortalAsync(browser, app, account, request, ct);
        var tokens = await application.RedeemAsync(browser.Client, application.CodeFrom(back, request), request.Verifier, ct);
        // RFC 9207: the answer names its issuer, so an application talking to several providers cannot be mixed up.
        Assert.Equal(PortalFactory.PublicBaseUrl.AbsoluteUri, application.Callback(back)!["iss"]);
        var validated = await application.ValidateIdTokenAsync(browser.Client, tokens.IdToken!, app.Clock.GetUtcNow(), ct);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var claims = validated.Claims;
        Assert.Equal(account.Id.ToString(), claims["sub"]);
        Assert.Equal(account.Email, claims["email"]);
        Assert.Equal(account.DisplayName, claims["name"]);
        Assert.Equal("employer", claims["account_type"]);
        Assert.Equal("Bakkerij Flow BV", claims["organisation"]);
        Assert.Equal(request.Nonce, claims["nonce"]);
        Assert.Contains("otp", ((IEnumerable<object>)claims["amr"]).Select(a => a.ToString()));
        Assert.True(claims.ContainsKey("auth_time"));
        Assert.True(claims.ContainsKey("sid"));
        Assert.False(claims.ContainsKey("sigma_session"));
        Assert.NotNull(tokens.RefreshToken);
    }

    [Theory]
    [InlineData(false, new[] { "mfa", "otp", "pwd" })]
    [InlineData(true, new[] { "mfa", "pop" })]
    public async Task IdToken_SaysHowThePersonSignedIn_AlsoAfterTheSessionWasRevalidatedAndTheTokensRefreshed(bool passkey, string[] amr)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        await TestPasskeys.AddAsync(app, account.Id, authenticator);
        var application = await TestApplication.RegisterAsync(app, "Urenregistratie", ct);
        var browser = app.NewBrowser();
        var home = passkey ? await browser.SignInWithPasskeyAsync(authenticator, ct) : await browser.SignInAsync(app, account, ct);
        // Past the security stamp's revalidation, which rebuilds the session's principal from the account.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await browser.OpenAsync("/", ct);

        var request = application.NewRequest();
        var tokens = await application.RedeemAsync(browser.Client, application.CodeFrom(await browser.OpenAsync(request.Url, ct), request), request.Verifier, ct);
        var refreshed = await application.RefreshAsync(browser.Client, tokens.RefreshToken!, ct);

        Assert.Equal("/", home.Url.AbsolutePath);
        foreach (var idToken in new[] { tokens.IdToken!, refreshed.IdToken! })
        {
            var claims = (await application.ValidateIdTokenAsync(browser.Client, idToken, app.Clock.GetUtcNow(), ct)).Claims;
            Assert.Equal(amr, ((IEnumerable<object>)claims["amr"]).Select(a => a.ToString()).Order());
        }
    }

    [Fact]
    public async Task SecondApplication_OpensWithoutSigningInAgain_AndSharesTheSid()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var payslips = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var hours = await TestApplication.RegisterAsync(app, "Urenregistratie", ct);
        var browser = app.NewBrowser();
        var first = payslips.NewRequest();
        var firstTokens = await payslips.RedeemAsync(browser.Client, payslips.CodeFrom(await TestApplication.SignInThroughPortalAsync(browser, app, account, first, ct), first), first.Verifier, ct);

        var second = hours.NewRequest();
        var back = await browser.OpenAsync(second.Url, ct);
        var secondTokens = await hours.RedeemAsync(browser.Client, hours.CodeFrom(back, second), second.Verifier, ct);

        var firstClaims = (await payslips.ValidateIdTokenAsync(browser.Client, firstTokens.IdToken!, app.Clock.GetUtcNow(), ct)).Claims;
        var secondClaims = (await hours.ValidateIdTokenAsync(browser.Client, secondTokens.IdToken!, app.Clock.GetUtcNow(), ct)).Claims;
        Assert.Equal(firstClaims["sid"], secondClaims["sid"]);
        Assert.Equal(firstClaims["sub"], secondClaims["sub"]);
    }

    [Fact]
    public async Task SettingsSessions_NameTheApplicationsEachSessionSignedInTo()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var payslips = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var hours = await TestApplication.RegisterAsync(app, "Urenregistratie", ct);
        var browser = app.NewBrowser();
        var first = payslips.NewRequest();
        payslips.CodeFrom(await TestApplication.SignInThroughPortalAsync(browser, app, account, first, ct), first);
        var second = hours.NewRequest();
        hours.CodeFrom(await browser.OpenAsync(second.Url, ct), second);
        var elsewhere = app.NewBrowser();
        await elsewhere.SignInAsync(app, account, ct);

        var sessions = await browser.OpenAsync("/Settings/Sessions", ct);

        var rows = sessions.Document.QuerySelectorAll("table.sessions tbody tr").Select(r => r.QuerySelector(".session-applications")!.TextContent.Trim()).Order().ToList();
        Assert.Equal(["Geen", "Loonstroken, Urenregistratie"], rows);
    }

    [Fact]
    public async Task PromptNone_WithoutSession_AnswersLoginRequiredToTheApplication()
    {
        var ct = TestContext.Current.CancellationToken;
        var application = await TestApplication.RegisterAsync(app, "Documenten", ct);
        var request = application.NewRequest(new Dictionary<string, string> { ["prompt"] = "none" });

        var back = await app.NewBrowser().OpenAsync(request.Url, ct);

        Assert.Equal("login_required", application.Callback(back)!["error"]);
    }

    [Fact]
    public async Task PromptLogin_WithASession_AsksForPasswordAndCodeAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);

        var request = application.NewRequest(new Dictionary<string, string> { ["prompt"] = "login" });
        var back = await TestApplication.SignInThroughPortalAsync(browser, app, account, request, ct);

        Assert.NotNull(application.CodeFrom(back, request));
    }

    [Fact]
    public async Task MaxAge_OlderSession_AsksForPasswordAndCodeAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        var request = application.NewRequest(new Dictionary<string, string> { ["max_age"] = "300" });
        var login = await browser.OpenAsync(request.Url, ct);

        Assert.Equal("/Account/Login", login.Url.AbsolutePath);
    }

    [Fact]
    public async Task TwoAccountsOfOnePerson_GetTwoSubjects()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"twee-{Guid.NewGuid():N}@example.nl";
        var employee = await new AccountBuilder(app).WithEmail(email).WithAuthenticatorAsync(ct);
        var employer = await new AccountBuilder(app).WithEmail(email).AsEmployer().WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Documenten", ct);

        var subjects = new List<string>();
        foreach (var (account, type) in new[] { (employee, "Employee"), (employer, "Employer") })
        {
            var browser = app.NewBrowser();
            var request = application.NewRequest();
            var login = await browser.OpenAsync(request.Url, ct);
            var chooser = await browser.SubmitAsync(login, "form.login-form", new Dictionary<string, string> { ["Email"] = email, ["Password"] = account.Password! }, ct);
            var code = await browser.SubmitAsync(chooser, "main form", new Dictionary<string, string> { ["AccountType"] = type }, ct);
            var back = await browser.EnterCodeAsync(app, code, account.AuthenticatorKey!, ct);
            var tokens = await application.RedeemAsync(browser.Client, application.CodeFrom(back, request), request.Verifier, ct);
            subjects.Add((string)(await application.ValidateIdTokenAsync(browser.Client, tokens.IdToken!, app.Clock.GetUtcNow(), ct)).Claims["sub"]);
        }

        Assert.Equal([employee.Id.ToString(), employer.Id.ToString()], subjects);
    }

    [Fact]
    public async Task ApplicationForEmployers_RefusesAnEmployeeOnAPageOfThePortal()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Inleenoverzicht", ct, new HashSet<Sigma.Portal.Data.Accounts.AccountType> { Sigma.Portal.Data.Accounts.AccountType.Employer });
        var browser = app.NewBrowser();
        var request = application.NewRequest();

        var page = await TestApplication.SignInThroughPortalAsync(browser, app, account, request, ct);

        Assert.Null(application.Callback(page));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("U kunt Inleenoverzicht niet openen", page.Text("h1"));
    }

    [Fact]
    public async Task ApplicationForEmployers_WithPromptNone_AnswersAccessDeniedWithoutAPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Inleenoverzicht", ct, new HashSet<Sigma.Portal.Data.Accounts.AccountType> { Sigma.Portal.Data.Accounts.AccountType.Employer });
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);

        var back = await browser.OpenAsync(application.NewRequest(new Dictionary<string, string> { ["prompt"] = "none" }).Url, ct);

        var callback = application.Callback(back);
        Assert.NotNull(callback);
        Assert.Equal("access_denied", callback["error"]);
        Assert.False(callback.ContainsKey("code"));
    }

    private static string[] Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
