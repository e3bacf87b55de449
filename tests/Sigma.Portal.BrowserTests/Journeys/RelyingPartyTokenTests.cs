using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.SingleSignOn.Logout;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>
/// What an application that validates the portal's tokens from its published keys refuses: an unsigned token
/// (<c>alg: none</c>), one signed by another key under the portal's key id, one for another application.
/// </summary>
public sealed class RelyingPartyTokenTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    [Trait("Attack", "TokenForgery")]
    public async Task ForgedLogoutTokens_AreRefused_AndEndNoSession()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var application = await RelyingParty.StartAsync(portal, "Documenten", ct);
        using var portalClient = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == portal.CertificateHash,
        })
        { BaseAddress = portal.BaseUrl };
        var portalKeyId = new JsonWebKeySet(await portalClient.GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative), ct)).Keys[0].Kid;
        using var foreign = RSA.Create(2048);

        string[] forged =
        [
            Token(application.ClientId, signing: null),
            Token(application.ClientId, new SigningCredentials(new RsaSecurityKey(foreign) { KeyId = portalKeyId }, SecurityAlgorithms.RsaSha256)),
            // Genuine, from the portal's own signer, but for another application.
            portal.App.Services.GetRequiredService<LogoutTokens>().Create("another-application", Guid.NewGuid().ToString(), "other-session"),
        ];
        var genuine = portal.App.Services.GetRequiredService<LogoutTokens>().Create(application.ClientId, Guid.NewGuid().ToString(), "real-session");
        using var client = new HttpClient();
        foreach (var token in forged)
        {
            using var content = new FormUrlEncodedContent([KeyValuePair.Create("logout_token", token)]);
            using var answer = await client.PostAsync(application.BackChannelLogoutUri, content, ct);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }

        Assert.Equal((0, forged.Length), (application.LogoutsAccepted, application.LogoutsRefused));
        using (var content = new FormUrlEncodedContent([KeyValuePair.Create("logout_token", genuine)]))
        using (var answer = await client.PostAsync(application.BackChannelLogoutUri, content, ct))
        {
            // The same endpoint takes the portal's real token: the refusals above are the forgeries', not the endpoint's.
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Equal(1, application.LogoutsAccepted);
        Assert.Contains("\"alg\":\"none\"", Base64UrlEncoder.Decode(forged[0].Split('.')[0]), StringComparison.Ordinal);
    }

    private string Token(string audience, SigningCredentials? signing)
    {
        var now = portal.App.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "logout+jwt",
            Issuer = portal.BaseUrl.AbsoluteUri,
            Audience = audience,
            IssuedAt = now,
            Expires = now.AddMinutes(2),
            SigningCredentials = signing,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = Guid.NewGuid().ToString(),
                ["sid"] = "forged-session",
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new Dictionary<string, object>() },
            },
        });
    }
}
