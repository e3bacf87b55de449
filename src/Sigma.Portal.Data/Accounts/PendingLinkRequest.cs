namespace Sigma.Portal.Data.Accounts;

/// <summary>
/// A "send me a link" request (forgot password, new activation link), already answered and waiting for the background
/// to look up its address. Recording it is all the request does, so the answer takes the same time for every address.
/// The address is kept only protected with Data Protection, and the row is deleted once handled.
/// </summary>
public sealed class PendingLinkRequest
{
    public Guid Id { get; set; }

    /// <summary>What was asked for: a reset link (forgot password) or a new activation link.</summary>
    public AccountTokenPurpose Purpose { get; set; }

    /// <summary>The normalised email address, protected with Data Protection; never stored in clear.</summary>
    public string ProtectedEmail { get; set; } = "";

    /// <summary>The client address and browser of the request, for the audit events its handling records.</summary>
    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>When the request was answered; the audit events carry this time.</summary>
    public DateTime CreatedUtc { get; set; }
}
