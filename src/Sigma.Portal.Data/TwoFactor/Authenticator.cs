namespace Sigma.Portal.Data.TwoFactor;

/// <summary>
/// An authenticator app's shared TOTP secret for one account. The secret is encrypted with Data Protection and never
/// shown again once confirmed. An account has at most one active and, while changing phones, one pending authenticator.
/// </summary>
public sealed class Authenticator
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public AuthenticatorStatus Status { get; set; }

    public string ProtectedSecret { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? ActivatedUtc { get; set; }

    public DateTime? LastUsedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    /// <summary>The newest time step accepted: a code of this step or an older one is refused (no replay).</summary>
    public long LastAcceptedStep { get; set; }
}
