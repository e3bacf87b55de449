using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sigma.Portal.SingleSignOn.Applications;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>
/// One of Sigma's applications as its makers would write it: ASP.NET Core with the stock OpenID Connect handler (code
/// flow, PKCE, form_post, ID token validated from the portal's JWKS), a cookie session, RP-initiated logout and a
/// back-channel logout endpoint that ends the local session the logout token's <c>sid</c> names. On Kestrel at
/// https://127.0.0.1 on a free port, registered with the portal under its own client id.
/// </summary>
public sealed class RelyingParty : IAsyncDisposable
{
    private static readonly string[] ShownClaims = ["sub", "name", "email", "account_type", "sid"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _endedSessions = new(StringComparer.Ordinal);

    private RelyingParty(WebApplication app, string name, Uri baseUrl, string clientId, Uri backChannelLogoutUri)
    {
        _app = app;
        Name = name;
        BaseUrl = baseUrl;
        ClientId = clientId;
        BackChannelLogoutUri = backChannelLogoutUri;
    }

    public string Name { get; }

    public Uri BaseUrl { get; }

    public string ClientId { get; }

    public Uri BackChannelLogoutUri { get; }

    /// <summary>How many logout tokens this application accepted (valid ones only).</summary>
    public int LogoutsAccepted => _endedSessions.Count;

    /// <summary>How many posts to the back-channel endpoint it refused.</summary>
    public int LogoutsRefused { get; private set; }

    /// <summary>Starts the application and registers it with the portal as a confidential client.</summary>
    public static async Task<RelyingParty> StartAsync(BrowserPortal portal, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var port = KestrelPortal.FreePort();
        var baseUrl = new Uri($"https://127.0.0.1:{port}");
        // The back channel on plain http at the loopback (which the portal allows): the portal, rightly, trusts no
        // self-signed certificate.
        var backChannelPort = KestrelPortal.FreePort();
        var backChannelLogoutUri = new Uri($"http://127.0.0.1:{backChannelPort}/backchannel-logout");
        var clientId = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24];
        var registration = await portal.App.WithScopeAsync(services => services.GetRequiredService<ApplicationRegistrar>().SaveAsync(
            new ApplicationRegistration
            {
                ClientId = clientId,
                DisplayName = name,
                StartUrl = baseUrl,
                RedirectUris = [new Uri(baseUrl, "/signin-oidc")],
                PostLogoutRedirectUris = [new Uri(baseUrl, "/signout-callback-oidc")],
                BackChannelLogoutUri = backChannelLogoutUri,
            },
            rotateSecret: false,
            actorId: null,
            ct));
        Assert.Empty(registration.Problems);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(KestrelPortal.SelfSignedCertificate()));
            kestrel.Listen(IPAddress.Loopback, backChannelPort);
        });
        RelyingParty? self = null;
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                // Applications beside each other on 127.0.0.1 share cookies across ports: each keeps its own name.
                options.Cookie.Name = "rp-" + clientId;
                options.Events.OnValidatePrincipal = context =>
                {
                    if (context.Principal?.FindFirstValue("sid") is { } sid && self!._endedSessions.ContainsKey(sid))
                    {
                        context.RejectPrincipal();
                    }

                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = portal.BaseUrl.AbsoluteUri;
                options.ClientId = clientId;
                options.ClientSecret = registration.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.Scope.Add("email");
                options.Scope.Add("sigma_account");
                options.MapInboundClaims = false;
                options.SaveTokens = true;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.CorrelationCookie.Name = "rp-correlation-" + clientId + ".";
                options.NonceCookie.Name = "rp-nonce-" + clientId + ".";
                // The portal's certificate is self-signed for the test: trust exactly that one.
                options.BackchannelHttpHandler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == portal.CertificateHash,
                };
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        self = new RelyingParty(app, name, baseUrl, clientId, backChannelLogoutUri);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (HttpContext context) => Results.Content(self.Page(context.User), "text/html; charset=utf-8")).RequireAuthorization();
        app.MapGet("/signout", () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/signed-out", () => Results.Content(Html(name, $"<h1>{Encode(name)}: uitgelogd</h1>"), "text/html; charset=utf-8"));
        app.MapPost("/backchannel-logout", self.BackChannelLogoutAsync);
        await app.StartAsync(ct);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>OpenID Connect Back-Channel Logout 1.0 §2.6: validate the logout token, end the session it names.</summary>
    private async Task<IResult> BackChannelLogoutAsync(HttpContext context, IOptionsMonitor<OpenIdConnectOptions> oidc)
    {
        var form = await context.Request.ReadFormAsync();
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["logout_token"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidTypes = ["logout+jwt"],
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token
            || !token.TryGetPayloadValue<Dictionary<string, object>>("events", out var events)
            || !events.ContainsKey("http://schemas.openid.net/event/backchannel-logout")
            || token.TryGetClaim("nonce", out _) || !token.TryGetClaim("sid", out var sid))
        {
            LogoutsRefused++;
            return Results.BadRequest();
        }

        _endedSessions[sid.Value] = true;
        return Results.Ok();
    }

    private string Page(ClaimsPrincipal user)
    {
        var claims = string.Concat(ShownClaims
            .Select(type => $"<dt>{type}</dt><dd id=\"claim-{type}\">{Encode(user.FindFirstValue(type) ?? "")}</dd>"));
        return Html(Name, $"<h1>{Encode(Name)}</h1><dl>{claims}</dl><p><a href=\"/signout\">Uitloggen</a></p>");
    }

    private static string Html(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>{Encode(title)}</title></head><body><main>{body}</main></body></html>";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
