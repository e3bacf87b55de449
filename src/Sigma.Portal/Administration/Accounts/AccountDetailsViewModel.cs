using Sigma.Portal.Audit;
using Sigma.Portal.TwoFactor.Settings;

namespace Sigma.Portal.Administration.Accounts;

public sealed record AccountDetailsViewModel
{
    public required Guid Id { get; init; }

    public required string DisplayName { get; init; }

    public required string Email { get; init; }

    public required AccountType AccountType { get; init; }

    public string? Organisation { get; init; }

    public required string Language { get; init; }

    public required AccountStatus Status { get; init; }

    public required DateTime CreatedUtc { get; init; }

    public DateTime? ActivatedUtc { get; init; }

    public DateTime? LastSignInUtc { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public bool TwoFactorResetPending { get; init; }

    public required TwoFactorSettingsViewModel TwoFactor { get; init; }

    public required IReadOnlyList<AuditRow> Events { get; init; }

    /// <summary>The signed-in administrator looks at their own account: some actions are not offered.</summary>
    public bool IsSelf { get; init; }
}
