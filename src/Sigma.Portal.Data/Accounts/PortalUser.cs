using Microsoft.AspNetCore.Identity;

namespace Sigma.Portal.Data.Accounts;

/// <summary>
/// A portal account. The login name people type is <see cref="IdentityUser{TKey}.Email"/>; the Identity user name is
/// derived from email and account type, because one email address may carry both an employee and an employer account.
/// </summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public AccountType AccountType { get; set; }

    /// <summary>The client company, for employer accounts.</summary>
    public string? Organisation { get; set; }

    /// <summary>"nl" or "en": the language of the portal and of the emails this account receives.</summary>
    public string PreferredLanguage { get; set; } = "nl";

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the person chose their password; null while the invitation is open.</summary>
    public DateTime? ActivatedUtc { get; set; }

    public DateTime? LastSignInUtc { get; set; }

    /// <summary>Set by an administrator: the account cannot sign in until it is reactivated.</summary>
    public DateTime? DeactivatedUtc { get; set; }

    /// <summary>
    /// Set when an administrator reset the account's two-factor: a new authenticator can then only be set up after a
    /// one-time access pass. Cleared when the new authenticator is confirmed.
    /// </summary>
    public DateTime? TwoFactorResetUtc { get; set; }

    /// <summary>
    /// Lockouts since the last successful sign-in; each one lasts twice as long as the one before, so a guessing
    /// attack slows down further and further without locking the person out for good.
    /// </summary>
    public int ConsecutiveLockouts { get; set; }
}
