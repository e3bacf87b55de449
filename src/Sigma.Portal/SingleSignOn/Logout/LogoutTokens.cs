using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Sigma.Portal.SingleSignOn.Logout;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0 §2.4 logout tokens: a JWT of type <c>logout+jwt</c> signed with the key the
/// ID tokens are signed with, for one application (<c>aud</c>), naming the account (<c>sub</c>) and the session
/// (<c>sid</c>), with the back-channel logout event and never a <c>nonce</c>. Written by the IdentityModel library.
/// </summary>
public sealed class LogoutTokens(IOptionsMonitor<OpenIddictServerOptions> server, IOptions<PortalOptions> portal, TimeProvider time)
{
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>Long enough for a slow delivery, short enough that a copy is soon worthless (the spec advises minutes).</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public string Create(string clientId, string subject, string sid)
    {
        var options = server.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "logout+jwt",
            Issuer = (options.Issuer ?? portal.Value.PublicBaseUrl)?.AbsoluteUri,
            Audience = clientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = options.SigningCredentials.First(c => c.Key is AsymmetricSecurityKey),
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["sub"] = subject,
                ["sid"] = sid,
                ["events"] = new Dictionary<string, object>(StringComparer.Ordinal) { [Event] = new Dictionary<string, object>() },
            },
        });
    }
}
