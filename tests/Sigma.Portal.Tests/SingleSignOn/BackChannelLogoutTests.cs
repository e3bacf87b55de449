using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Data;
using Sigma.Portal.SingleSignOn.Logout;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.SingleSignOn;

/// <summary>
/// However a portal session ends, the applications it signed in to hear of it (OpenID Connect Back-Channel Logout) and
/// what they were issued is revoked. The receiving end is a real HTTP endpoint on 127.0.0.1.
/// </summary>
public sealed class BackChannelLogoutTests(PortalFactory app) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private LogoutReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await LogoutReceiver.StartAsync();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    [Fact]
    public async Task SignOut_SendsEachApplicationOfTheSessionAValidLogoutToken_AndRevokesWhatItWasIssued()
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, browser, signIns) = await SignedInToTwoApplicationsAsync(ct);

        await browser.SignOutAsync(ct);
        var tokens = new[] { await _receiver.NextTokenAsync(Bound, ct), await _receiver.NextTokenAsync(Bound, ct) };

        foreach (var (application, idToken, refreshToken) in signIns)
        {
            var logout = await ValidateAsync(tokens, application, browser.Client, ct);
            Assert.Equal(account.Id.ToString(), logout.GetClaim("sub").Value);
            Assert.Equal(new JsonWebToken(idToken).GetClaim("sid").Value, logout.GetClaim("sid").Value);
            Assert.Equal("logout+jwt", logout.Typ);
            Assert.Contains(LogoutTokens.Event, logout.GetClaim("events").Value, StringComparison.Ordinal);
            Assert.False(logout.TryGetClaim("nonce", out _));
            Assert.Equal("invalid_grant", (await application.RefreshAsync(browser.Client, refreshToken, ct)).Error);
            Assert.True(await AllRevokedAsync(application.ClientId, ct));
        }
    }

    [Fact]
    public async Task Deactivation_EndsTheSession_AndTheNextCycleTellsTheApplications()
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, _, signIns) = await SignedInToTwoApplicationsAsync(ct);
        var admin = await new AccountBuilder(app).AsAdministrator().ActivatedAsync(ct);

        await app.WithScopeAsync(services => services.GetRequiredService<AccountDeactivation>().DeactivateAsync(account.Id, admin.Id, "Uit dienst", ct));
        await app.Services.GetRequiredService<SessionEndJob>().RunOnceAsync(ct);

        var tokens = new[] { await _receiver.NextTokenAsync(Bound, ct), await _receiver.NextTokenAsync(Bound, ct) };
        using var client = app.CreateClient();
        foreach (var (application, _, _) in signIns)
        {
            Assert.Equal(account.Id.ToString(), (await ValidateAsync(tokens, application, client, ct)).GetClaim("sub").Value);
        }
    }

    [Fact]
    public async Task IdleSession_OnceItExpires_IsLoggedOutOfItsApplications()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, signIns) = await SignedInToTwoApplicationsAsync(ct);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.Services.GetRequiredService<SessionEndJob>().RunOnceAsync(ct);

        Assert.NotNull(await _receiver.NextTokenAsync(Bound, ct));
        Assert.NotNull(await _receiver.NextTokenAsync(Bound, ct));
        Assert.Equal("invalid_grant", (await signIns[0].Application.RefreshAsync(app.CreateClient(), signIns[0].RefreshToken, ct)).Error);
    }

    [Fact]
    public async Task ApplicationDown_GetsItsLogoutAgainLater_Once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Cycle by cycle, without the background loop: what each cycle sends is exactly what this test sees.
        await using var portal = new PortalFactory { ManualDispatch = true };
        await portal.InitializeAsync();
        var job = portal.Services.GetRequiredService<SessionEndJob>();
        var account = await new AccountBuilder(portal).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(portal, "Loonstroken", ct, backChannelLogoutUri: _receiver.Address);
        var browser = portal.NewBrowser();
        var request = application.NewRequest();
        await application.RedeemAsync(browser.Client, application.CodeFrom(await TestApplication.SignInThroughPortalAsync(browser, portal, account, request, ct), request), request.Verifier, ct);
        _receiver.AnswerNext(HttpStatusCode.ServiceUnavailable);
        await browser.SignOutAsync(ct);

        await job.RunOnceAsync(ct);
        var refused = _receiver.TryTakeToken(out _);
        await job.RunOnceAsync(ct);
        var early = _receiver.TryTakeToken(out _);
        portal.Clock.Advance(TimeSpan.FromSeconds(31));
        await job.RunOnceAsync(ct);
        var retried = _receiver.TryTakeToken(out _);
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        await job.RunOnceAsync(ct);

        Assert.True(refused);
        Assert.False(early);
        Assert.True(retried);
        Assert.False(_receiver.TryTakeToken(out _));
        var row = await portal.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().SessionApplications.AsNoTracking()
            .SingleAsync(a => a.ClientId == application.ClientId, ct));
        Assert.Equal((2, true), (row.LogoutAttempts, row.LogoutSentUtc is not null));
    }

    [Fact]
    public async Task EndSession_FromOneApplication_EndsThePortalSessionAndTellsTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, browser, signIns) = await SignedInToTwoApplicationsAsync(ct);
        var (first, idToken, _) = signIns[0];
        // People sign out long after their ID token (ten minutes) expired: an expired hint still names them.
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var end = await browser.OpenAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = first.PostLogoutRedirectUri.AbsoluteUri,
            ["state"] = "terug",
        }), ct);
        var tokens = new[] { await _receiver.NextTokenAsync(Bound, ct), await _receiver.NextTokenAsync(Bound, ct) };
        var home = await browser.OpenAsync("/", ct);

        Assert.StartsWith(first.PostLogoutRedirectUri.AbsoluteUri + "?state=terug", end.Response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("/Account/Login", home.Url.AbsolutePath);
        Assert.Equal(signIns[1].Application.ClientId, (await ValidateAsync(tokens, signIns[1].Application, browser.Client, ct)).GetClaim("aud").Value);
    }

    [Fact]
    public async Task EndSession_WithoutAHint_AsksFirst_SoALinkElsewhereSignsNobodyOut()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, browser, signIns) = await SignedInToTwoApplicationsAsync(ct);

        var confirm = await browser.OpenAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["client_id"] = signIns[0].Application.ClientId,
            ["post_logout_redirect_uri"] = signIns[0].Application.PostLogoutRedirectUri.AbsoluteUri,
        }), ct);
        var stillIn = await browser.OpenAsync("/", ct);
        var signedOut = await browser.SubmitAsync(confirm, "main form", new Dictionary<string, string>(), ct);

        Assert.Equal("Uitloggen?", confirm.Text("h1"));
        Assert.Equal("/", stillIn.Url.AbsolutePath);
        Assert.StartsWith(signIns[0].Application.PostLogoutRedirectUri.AbsoluteUri, signedOut.Response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotNull(await _receiver.NextTokenAsync(Bound, ct));
    }

    [Fact]
    public async Task Prune_TwoWeeksAfterTheSessionEnded_RemovesItsSignInsAndTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var portal = new PortalFactory();
        await portal.InitializeAsync();
        var account = await new AccountBuilder(portal).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(portal, "Loonstroken", ct);
        var browser = portal.NewBrowser();
        var request = application.NewRequest();
        await application.RedeemAsync(browser.Client, application.CodeFrom(await TestApplication.SignInThroughPortalAsync(browser, portal, account, request, ct), request), request.Verifier, ct);
        await browser.SignOutAsync(ct);
        await portal.Services.GetRequiredService<SessionEndJob>().RunOnceAsync(ct);
        // The job woken by the sign-out may still be revoking what this cycle found already claimed.
        Assert.True(await RevokedWithinBoundAsync(portal, application.ClientId, ct));

        portal.Clock.Advance(ProviderPruneJob.KeepFor + TimeSpan.FromDays(1));
        await portal.Services.GetRequiredService<ProviderPruneJob>().RunOnceAsync(ct);

        var left = await portal.WithScopeAsync(async services => (
            SignIns: await services.GetRequiredService<PortalDbContext>().SessionApplications.CountAsync(ct),
            Tokens: await services.GetRequiredService<IOpenIddictTokenManager>().CountAsync(ct),
            Authorizations: await services.GetRequiredService<IOpenIddictAuthorizationManager>().CountAsync(ct)));
        Assert.Equal((0, 0L, 0L), left);
    }

    private async Task<(TestAccount Account, PortalBrowser Browser, List<(TestApplication Application, string IdToken, string RefreshToken)> SignIns)> SignedInToTwoApplicationsAsync(CancellationToken ct)
    {
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var signIns = new List<(TestApplication, string, string)>();
        foreach (var name in new[] { "Loonstroken", "Urenregistratie" })
        {
            var application = await TestApplication.RegisterAsync(app, name, ct, backChannelLogoutUri: _receiver.Address);
            var request = application.NewRequest();
            var back = signIns.Count == 0
                ? await TestApplication.SignInThroughPortalAsync(browser, app, account, request, ct)
                : await browser.OpenAsync(request.Url, ct);
            var tokens = await application.RedeemAsync(browser.Client, application.CodeFrom(back, request), request.Verifier, ct);
            signIns.Add((application, tokens.IdToken!, tokens.RefreshToken!));
        }

        return (account, browser, signIns);
    }

    /// <summary>The token among <paramref name="tokens"/> meant for <paramref name="application"/>, validated as a relying party does.</summary>
    private async Task<JsonWebToken> ValidateAsync(string?[] tokens, TestApplication application, HttpClient client, CancellationToken ct)
    {
        var keys = new JsonWebKeySet(await client.GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative), ct));
        var mine = tokens.OfType<string>().Single(t => new JsonWebToken(t).Audiences.Contains(application.ClientId));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(mine, new TokenValidationParameters
        {
            ValidIssuer = PortalFactory.PublicBaseUrl.AbsoluteUri,
            ValidAudience = application.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidTypes = ["logout+jwt"],
            LifetimeValidator = (_, expires, _, _) => expires > app.Clock.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private static async Task<bool> RevokedWithinBoundAsync(PortalFactory portal, string clientId, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(Bound);
        while (!bound.IsCancellationRequested)
        {
            if (await AllRevokedAsync(portal, clientId, ct))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        return false;
    }

    private Task<bool> AllRevokedAsync(string clientId, CancellationToken ct) => AllRevokedAsync(app, clientId, ct);

    private static Task<bool> AllRevokedAsync(PortalFactory portal, string clientId, CancellationToken ct) => portal.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var authorizations = await db.SessionApplications.AsNoTracking().Where(a => a.ClientId == clientId).Select(a => a.AuthorizationId).ToListAsync(ct);
        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        foreach (var authorization in authorizations)
        {
            await foreach (var token in tokens.FindByAuthorizationIdAsync(authorization, ct))
            {
                if (!await tokens.HasStatusAsync(token, OpenIddictConstants.Statuses.Revoked, ct) && !await tokens.HasStatusAsync(token, OpenIddictConstants.Statuses.Redeemed, ct))
                {
                    return false;
                }
            }
        }

        return authorizations.Count > 0;
    });
}
