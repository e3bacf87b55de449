using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sigma.Portal.SingleSignOn.Applications;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// An application registered with the portal, acting as an OpenID Connect client does over plain HTTP: authorization
/// requests with PKCE, then code and refresh-token redemption at the token endpoint, and ID-token validation from JWKS.
/// </summary>
public sealed class TestApplication
{
    private TestApplication(string clientId, string? secret, Uri redirectUri)
    {
        ClientId = clientId;
        Secret = secret;
        RedirectUri = redirectUri;
    }

    public string ClientId { get; }

    public string? Secret { get; }

    public Uri RedirectUri { get; }

    public Uri PostLogoutRedirectUri => new(RedirectUri, "/signed-out");

    /// <summary>An application registered some other way (the <c>register-app</c> command).</summary>
    public static TestApplication Existing(string clientId, string? secret, Uri redirectUri) => new(clientId, secret, redirectUri);

    /// <summary>
    /// Whether the token endpoint takes <paramref name="secret"/> for the application registered as
    /// <paramref name="clientId"/> (with the redirect URI <c>https://{clientId}.test/signin-oidc</c>): a right one gets as
    /// far as the made-up code (<c>invalid_grant</c>), a wrong one is refused as a client (<c>invalid_client</c>).
    /// </summary>
    public static async Task<bool> SecretAcceptedAsync(PortalFactory app, string clientId, string secret, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        var answer = await Existing(clientId, secret, new Uri($"https://{clientId}.test/signin-oidc"))
            .RedeemAsync(client, "made-up-code", "made-up-verifier-made-up-verifier-made-up-verifier", ct);
        return answer.Status switch
        {
            HttpStatusCode.BadRequest when answer.Error == "invalid_grant" => true,
            HttpStatusCode.Unauthorized when answer.Error == "invalid_client" => false,
            _ => throw new InvalidOperationException($"Unexpected answer {answer.Status} {answer.Error}"),
        };
    }

    public static async Task<TestApplication> RegisterAsync(
        PortalFactory app, string name, CancellationToken ct, ISet<Sigma.Portal.Data.Accounts.AccountType>? accountTypes = null, bool isPublic = false,
        Uri? backChannelLogoutUri = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var clientId = "app-" + Guid.NewGuid().ToString("N")[..12];
        var redirect = new Uri($"https://{clientId}.test/signin-oidc");
        var result = await app.WithScopeAsync(services => services.GetRequiredService<ApplicationRegistrar>().SaveAsync(
            new ApplicationRegistration
            {
                ClientId = clientId,
                DisplayName = name,
                StartUrl = new Uri($"https://{clientId}.test/"),
                RedirectUris = [redirect],
                PostLogoutRedirectUris = [new Uri(redirect, "/signed-out")],
                AccountTypes = accountTypes?.ToHashSet() ?? [],
                Public = isPublic,
                BackChannelLogoutUri = backChannelLogoutUri,
            },
            rotateSecret: false,
            actorId: null,
            ct));
        Assert.Empty(result.Problems);
        return new TestApplication(clientId, result.ClientSecret, redirect);
    }

    /// <summary>A fresh authorization request: its URL and what the application keeps to redeem the code.</summary>
    public AuthorizationRequest NewRequest(IReadOnlyDictionary<string, string>? extra = null, string scope = "openid profile email sigma_account offline_access")
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri.AbsoluteUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = Guid.NewGuid().ToString("N"),
            ["nonce"] = Guid.NewGuid().ToString("N"),
            ["code_challenge"] = Challenge(verifier),
            ["code_challenge_method"] = "S256",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            parameters[key] = value.Length == 0 ? null : value;
        }

        var url = QueryHelpers.AddQueryString("/connect/authorize", parameters.Where(p => p.Value is not null));
        return new AuthorizationRequest(url, verifier, parameters["state"]!, parameters["nonce"]!);
    }

    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>The redirect back to this application, when the page is one (else null).</summary>
    public Dictionary<string, string>? Callback(Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var location = page.Response.Headers.Location;
        if (location is null || !location.IsAbsoluteUri || !location.AbsoluteUri.StartsWith(RedirectUri.AbsoluteUri + "?", StringComparison.Ordinal))
        {
            return null;
        }

        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The code in the redirect back, after checking it carries this request's state.</summary>
    public string CodeFrom(Page page, AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var callback = Callback(page) ?? throw new InvalidOperationException($"No redirect to the application: {page.Status} {page.Url}");
        Assert.Equal(request.State, callback["state"]);
        return callback.TryGetValue("code", out var code) ? code : throw new InvalidOperationException("No code: " + string.Join("&", callback));
    }

    public Task<TokenResponse> RedeemAsync(HttpClient client, string code, string verifier, CancellationToken ct, string? secret = null) =>
        TokenAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.AbsoluteUri,
            ["code_verifier"] = verifier,
        }, ct, secret);

    public Task<TokenResponse> RefreshAsync(HttpClient client, string refreshToken, CancellationToken ct) =>
        TokenAsync(client, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, ct);

    public async Task<TokenResponse> TokenAsync(HttpClient client, IDictionary<string, string> form, CancellationToken ct, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        form["client_id"] = ClientId;
        if ((secret ?? Secret) is { } clientSecret)
        {
            form["client_secret"] = clientSecret;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new TokenResponse(response.StatusCode, JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone());
    }

    /// <summary>Validates an ID token as a relying party must: signature from JWKS, issuer, audience, lifetime.</summary>
    public async Task<TokenValidationResult> ValidateIdTokenAsync(HttpClient client, string idToken, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var keys = new JsonWebKeySet(await client.GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative), ct));
        return await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = PortalFactory.PublicBaseUrl.AbsoluteUri,
            ValidAudience = ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            LifetimeValidator = (notBefore, expires, _, _) => notBefore is null || notBefore <= now.UtcDateTime.AddMinutes(1) && expires > now.UtcDateTime,
        });
    }

    /// <summary>Everything a browser does between an application's authorization request and the redirect back.</summary>
    public static async Task<Page> SignInThroughPortalAsync(PortalBrowser browser, PortalFactory app, Builders.TestAccount account, AuthorizationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        var login = await browser.OpenAsync(request.Url, ct);
        var code = await browser.SubmitAsync(login, "form.login-form", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password! }, ct);
        return await browser.EnterCodeAsync(app, code, account.AuthenticatorKey!, ct);
    }
}

/// <param name="Url">The authorization request, relative to the portal.</param>
/// <param name="Verifier">The PKCE code verifier the application keeps.</param>
/// <param name="State">The state the answer must carry back.</param>
/// <param name="Nonce">The nonce the ID token must carry.</param>
public sealed record AuthorizationRequest(string Url, string Verifier, string State, string Nonce);

public sealed record TokenResponse(HttpStatusCode Status, JsonElement Json)
{
    public string? this[string name] => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? IdToken => this["id_token"];

    public string? AccessToken => this["access_token"];

    public string? RefreshToken => this["refresh_token"];

    public string? Error => this["error"];
}
