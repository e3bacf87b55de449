namespace Sigma.Portal.Data.TwoFactor;

/// <summary>
/// A one-time access pass an administrator hands out by phone after a two-factor reset: it lets the person set up a
/// new authenticator once. Stored only as a keyed hash.
/// </summary>
public sealed class AccessPass
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string PassHash { get; set; } = "";

    public Guid IssuedBy { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? UsedUtc { get; set; }

    /// <summary>When the expiry was recorded in the audit trail (by the retention job), so it is recorded once.</summary>
    public DateTime? ExpiryRecordedUtc { get; set; }
}
