using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Accounts;

/// <summary>Section <c>Accounts</c>: links sent by email and how failed sign-ins are limited.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00", ErrorMessage = "Accounts:ActivationLinkLifetime must be between 1 hour and 30 days.")]
    public TimeSpan ActivationLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:10:00", "1.00:00:00", ErrorMessage = "Accounts:PasswordResetLinkLifetime must be between 10 minutes and 1 day.")]
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Links one account gets in an hour from "forgot password" and "send me a new activation link"; a request beyond it
    /// sends nothing and leaves the last link working. Links an administrator sends do not count.
    /// </summary>
    [Range(1, 60, ErrorMessage = "Accounts:RequestedLinksPerHour must be between 1 and 60.")]
    public int RequestedLinksPerHour { get; set; } = 3;

    /// <summary>The least time between two such links for one account; zero turns this rule off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Accounts:RequestedLinkInterval must be between 0 and 1 hour.")]
    public TimeSpan RequestedLinkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed passwords or codes in a row before the account is locked for a while.</summary>
    [Range(3, 20, ErrorMessage = "Accounts:MaxFailedAttempts must be between 3 and 20.")]
    public int MaxFailedAttempts { get; set; } = 10;

    /// <summary>The first lockout; each further lockout without a successful sign-in in between doubles it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Accounts:LockoutDuration must be between 1 minute and 1 day.")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Accounts:MaxLockoutDuration must be between 1 minute and 7 days.")]
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromHours(24);
}
