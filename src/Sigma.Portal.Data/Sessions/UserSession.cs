namespace Sigma.Portal.Data.Sessions;

/// <summary>
/// A signed-in session, kept on the server: the cookie carries only <see cref="Id"/>. Signing out, a password change,
/// a two-factor reset or a deactivation revokes the row, and a copy of the cookie then opens nothing.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The authentication ticket, serialised and encrypted with Data Protection.</summary>
    public string ProtectedTicket { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }

    /// <summary>The absolute end: the session is over then, however active.</summary>
    public DateTime ExpiresUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
