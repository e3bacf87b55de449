namespace Sigma.Portal.TwoFactor;

public sealed record TwoFactorSettingsViewModel
{
    public DateTime? ActivatedUtc { get; init; }

    public DateTime? LastUsedUtc { get; init; }

    public int RecoveryCodesLeft { get; init; }

    public string? NoticeKey { get; init; }
}
