namespace Sigma.Portal.TwoFactor.Settings;

public sealed record TwoFactorSettingsViewModel
{
    public DateTime? ActivatedUtc { get; init; }

    public DateTime? LastUsedUtc { get; init; }

    public int RecoveryCodesLeft { get; init; }

    public string? NoticeKey { get; init; }

    /// <summary>The person's own recent security events: "was this you?".</summary>
    public IReadOnlyList<Audit.AuditRow> Events { get; init; } = [];
}
