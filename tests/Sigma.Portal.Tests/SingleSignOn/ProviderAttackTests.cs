using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.SingleSignOn.Applications;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.SingleSignOn;

/// <summary>What an attacker, a careless application or a stolen token tries against the provider; each is refused.</summary>
public sealed class ProviderAttackTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> ForeignRedirects => new()
    {
        "{0}-evil",
        "{0}/extra",
        "{0}#fragment",
        "{0}?next=https://evil.test",
        "http://{1}/signin-oidc",
        "https://{1}:8443/signin-oidc",
        "https://evil.test/signin-oidc",
        "HTTPS://{1}/SIGNIN-OIDC",
    };

    [Theory]
    [MemberData(nameof(ForeignRedirects))]
    [Trait("Attack", "OpenRedirect")]
    public async Task Authorize_RedirectUriNotRegisteredExactly_ShowsAnErrorPageAndRedirectsNowhere(string pattern)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);
        var redirect = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, application.RedirectUri.AbsoluteUri, application.RedirectUri.Authority);

        var page = await browser.OpenAsync(application.NewRequest(new Dictionary<string, string> { ["redirect_uri"] = redirect }).Url, ct);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Response.Headers.Location);
        Assert.DoesNotContain("code=", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [Trait("Attack", "CodeInterception")]
    public async Task Authorize_WithoutS256Pkce_GivesNoCode(string method)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);
        var extra = method.Length == 0
            ? new Dictionary<string, string> { ["code_challenge"] = "", ["code_challenge_method"] = "" }
            : new Dictionary<string, string> { ["code_challenge"] = "plain-verifier-plain-verifier-plain-verifier-00", ["code_challenge_method"] = method };

        var page = await browser.OpenAsync(application.NewRequest(extra).Url, ct);

        // OpenIddict checks PKCE before it trusts the redirect URI, so the refusal is the portal's error page.
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Response.Headers.Location);
        Assert.DoesNotContain("code=", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task Authorize_AfterThePasswordAlone_GivesNoCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        var page = await browser.OpenAsync(application.NewRequest().Url, ct);

        Assert.Null(application.Callback(page));
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Code_RedeemedTwice_IsRefusedAndRevokesWhatItIssued()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, client, code, verifier) = await CodeAsync(ct);
        var first = await application.RedeemAsync(client, code, verifier, ct);

        var second = await application.RedeemAsync(client, code, verifier, ct);
        var refresh = await application.RefreshAsync(client, first.RefreshToken!, ct);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("invalid_grant", second.Error);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    [Trait("Attack", "CodeInjection")]
    public async Task Code_OfOneApplication_IsRefusedToAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, client, code, verifier) = await CodeAsync(ct);
        var other = await TestApplication.RegisterAsync(app, "Urenregistratie", ct);

        var stolen = await other.RedeemAsync(client, code, verifier, ct);

        Assert.Equal("invalid_grant", stolen.Error);
        Assert.Null(stolen.IdToken);
    }

    [Fact]
    public async Task Code_AfterItsLifetime_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, client, code, verifier) = await CodeAsync(ct);
        app.Clock.Advance(TimeSpan.FromSeconds(70));

        var late = await application.RedeemAsync(client, code, verifier, ct);

        Assert.Equal("invalid_grant", late.Error);
    }

    [Fact]
    [Trait("Attack", "CodeInterception")]
    public async Task Code_WithAnotherVerifier_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, client, code, _) = await CodeAsync(ct);

        var intercepted = await application.RedeemAsync(client, code, "an-attacker-made-this-verifier-up-0123456789abc", ct);

        Assert.Equal("invalid_grant", intercepted.Error);
    }

    [Fact]
    [Trait("Attack", "ClientImpersonation")]
    public async Task Code_WithAWrongClientSecret_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, client, code, verifier) = await CodeAsync(ct);

        var wrong = await application.RedeemAsync(client, code, verifier, ct, secret: application.Secret![..^2] + "xx");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("invalid_client", wrong.Error);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task RefreshToken_UsedTwice_RevokesTheWholeChain()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, client, code, verifier) = await CodeAsync(ct);
        var tokens = await application.RedeemAsync(client, code, verifier, ct);
        var rotated = await application.RefreshAsync(client, tokens.RefreshToken!, ct);

        var reused = await application.RefreshAsync(client, tokens.RefreshToken!, ct);
        var legitimate = await application.RefreshAsync(client, rotated.RefreshToken!, ct);

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(tokens.RefreshToken, rotated.RefreshToken);
        Assert.Equal("invalid_grant", reused.Error);
        Assert.Equal("invalid_grant", legitimate.Error);
    }

    [Fact]
    public async Task RefreshToken_OfADeactivatedAccount_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, client, code, verifier, account) = await CodeWithAccountAsync(ct);
        var tokens = await application.RedeemAsync(client, code, verifier, ct);
        var admin = await new AccountBuilder(app).AsAdministrator().ActivatedAsync(ct);
        await app.WithScopeAsync(services => services.GetRequiredService<AccountDeactivation>().DeactivateAsync(account.Id, admin.Id, "Uit dienst", ct));

        var refresh = await application.RefreshAsync(client, tokens.RefreshToken!, ct);

        Assert.Equal("invalid_grant", refresh.Error);
        var refusals = await app.WithScopeAsync(services => services.GetRequiredService<Sigma.Portal.Data.PortalDbContext>().AuditEvents
            .CountAsync(e => e.UserId == account.Id && e.EventType == "ApplicationRefused", ct));
        Assert.Equal(1, refusals);
    }

    [Fact]
    public async Task RefreshToken_OfADisabledApplication_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, client, code, verifier) = await CodeAsync(ct);
        var tokens = await application.RedeemAsync(client, code, verifier, ct);
        await app.WithScopeAsync(services => services.GetRequiredService<ApplicationRegistrar>().SetDisabledAsync(application.ClientId, disabled: true, actorId: null, ct));

        var refresh = await application.RefreshAsync(client, tokens.RefreshToken!, ct);

        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task RefreshToken_AfterThePortalSessionEnded_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        var request = application.NewRequest();
        var tokens = await application.RedeemAsync(browser.Client, application.CodeFrom(await TestApplication.SignInThroughPortalAsync(browser, app, account, request, ct), request), request.Verifier, ct);
        await browser.SignOutAsync(ct);

        var refresh = await application.RefreshAsync(browser.Client, tokens.RefreshToken!, ct);

        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    [Trait("Attack", "Race")]
    public async Task Code_RedeemedTwentyTimesAtOnce_GivesExactlyOneTokenResponse()
    {
        var ct = TestContext.Current.CancellationToken;
        var (application, _, code, verifier) = await CodeAsync(ct);
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = app.CreateClient();
            await start.WaitAsync(ct);
            return await application.RedeemAsync(client, code, verifier, ct);
        }).ToList();
        start.Release(20);
        var answers = await Task.WhenAll(attempts);

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK && a.IdToken is not null);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("invalid_grant", a.Error));
    }

    private async Task<(TestApplication Application, HttpClient Client, string Code, string Verifier)> CodeAsync(CancellationToken ct)
    {
        var (application, client, code, verifier, _) = await CodeWithAccountAsync(ct);
        return (application, client, code, verifier);
    }

    private async Task<(TestApplication Application, HttpClient Client, string Code, string Verifier, TestAccount Account)> CodeWithAccountAsync(CancellationToken ct)
    {
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        var request = application.NewRequest();
        var back = await TestApplication.SignInThroughPortalAsync(browser, app, account, request, ct);
        return (application, browser.Client, application.CodeFrom(back, request), request.Verifier, account);
    }
}
