namespace Sigma.Portal.Data.TwoFactor;

/// <summary>
/// A passkey ceremony the portal started and the browser has yet to answer: Identity's state for it (the challenge
/// among it), kept here rather than in the browser so that each challenge is answered once and not after it expires.
/// </summary>
public sealed class PasskeyCeremony
{
    public Guid Id { get; set; }

    /// <summary>"add" in Settings; the sign-in ceremonies follow.</summary>
    public string Purpose { get; set; } = "";

    /// <summary>The account the ceremony is for, when one is signed in.</summary>
    public Guid? UserId { get; set; }

    public string State { get; set; } = "";

    public DateTime ExpiresUtc { get; set; }
}
