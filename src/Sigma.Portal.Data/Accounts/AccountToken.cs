namespace Sigma.Portal.Data.Accounts;

/// <summary>
/// A one-time link sent by email (activation, password reset). Only a keyed hash of the token is stored, so a copy of
/// the database does not contain working links.
/// </summary>
public sealed class AccountToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public AccountTokenPurpose Purpose { get; set; }

    /// <summary>HMAC-SHA256 of the token under the portal's hashing key, Base64.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    /// <summary>Set when the link was used, or when a newer link of the same purpose replaced it.</summary>
    public DateTime? UsedUtc { get; set; }

    /// <summary>
    /// Sent because someone asked for it on "forgot password" or "send me a new activation link" (not at an invitation
    /// or by an administrator); these count toward the per-account limit on such links.
    /// </summary>
    public bool IssuedOnRequest { get; set; }
}
