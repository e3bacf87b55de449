namespace Sigma.Portal.Data.SingleSignOn;

/// <summary>
/// An application a portal session signed in to (one row per sign-in, that is per OpenIddict authorization). When the
/// session ends, however it ends, the row is the work left to do: revoke what the authorization issued and, when the
/// application takes one, deliver an OpenID Connect Back-Channel Logout token, with retries, once across instances.
/// </summary>
public sealed class SessionApplication
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid UserId { get; set; }

    public string ClientId { get; set; } = "";

    /// <summary>The OpenIddict authorization that ties this sign-in's tokens together.</summary>
    public string AuthorizationId { get; set; } = "";

    /// <summary>The <c>sid</c> the application received in its ID token.</summary>
    public string Sid { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the end of the session was handled: tokens revoked, the logout queued when there is one to send.</summary>
    public DateTime? EndedUtc { get; set; }

    /// <summary>Where the logout token goes; null when the application takes none (or another row of this session sends it).</summary>
    public string? LogoutUri { get; set; }

    public DateTime? LogoutNextAttemptUtc { get; set; }

    public int LogoutAttempts { get; set; }

    public Guid? LogoutClaimToken { get; set; }

    public DateTime? LogoutClaimedUntilUtc { get; set; }

    public DateTime? LogoutSentUtc { get; set; }

    public DateTime? LogoutDeadUtc { get; set; }

    public string? LogoutError { get; set; }
}
