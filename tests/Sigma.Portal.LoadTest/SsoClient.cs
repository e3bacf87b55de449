using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;

namespace Sigma.Portal.LoadTest;

/// <summary>
/// An application registered with the portal (<c>register-app</c> in run.sh), doing what an OpenID Connect client
/// does: an authorization request with PKCE from a browser that is signed in to the portal, the code redeemed at the
/// token endpoint, refresh tokens redeemed in turn.
/// </summary>
internal sealed record SsoClient(string ClientId, string Secret, Uri RedirectUri)
{
    /// <summary>Authorize → code → token; the refresh token it got, or null when a step failed (with the status).</summary>
    public async Task<(string? RefreshToken, int Status)> SignInAsync(VirtualBrowser browser)
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var query = HttpUtility.ParseQueryString("");
        query["client_id"] = ClientId;
        query["redirect_uri"] = RedirectUri.AbsoluteUri;
        query["response_type"] = "code";
        query["scope"] = "openid profile email sigma_account offline_access";
        query["state"] = Guid.NewGuid().ToString("N");
        query["code_challenge"] = challenge;
        query["code_challenge_method"] = "S256";
        var (status, location) = await browser.RedirectOfAsync("/connect/authorize?" + query);
        var code = location is not null && location.AbsoluteUri.StartsWith(RedirectUri.AbsoluteUri, StringComparison.Ordinal)
            ? HttpUtility.ParseQueryString(location.Query)["code"]
            : null;
        if (code is null)
        {
            return (null, status);
        }

        return await TokenAsync(browser, [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", RedirectUri.AbsoluteUri), new("code_verifier", verifier)]);
    }

    public Task<(string? RefreshToken, int Status)> RefreshAsync(VirtualBrowser browser, string refreshToken) =>
        TokenAsync(browser, [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]);

    private async Task<(string? RefreshToken, int Status)> TokenAsync(VirtualBrowser browser, List<KeyValuePair<string, string>> form)
    {
        form.Add(new("client_id", ClientId));
        form.Add(new("client_secret", Secret));
        var (status, body) = await browser.PostTokenRequestAsync("/connect/token", form);
        if (status != 200)
        {
            return (null, status);
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.TryGetProperty("refresh_token", out var token) ? token.GetString() : null, status);
    }
}
