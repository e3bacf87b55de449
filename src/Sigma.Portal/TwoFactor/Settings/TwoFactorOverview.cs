using Sigma.Portal.Data.TwoFactor;
using Sigma.Portal.TwoFactor.Recovery;

namespace Sigma.Portal.TwoFactor.Settings;

/// <summary>What Settings shows about the account's second factor.</summary>
public sealed class TwoFactorOverview(PortalDbContext db, RecoveryCodes recoveryCodes)
{
    public async Task<TwoFactorSettingsViewModel> ForAsync(Guid userId, string? noticeKey, CancellationToken ct)
    {
        var active = await db.Authenticators.AsNoTracking()
            .Where(a => a.UserId == userId && a.Status == AuthenticatorStatus.Active)
            .Select(a => new { a.ActivatedUtc, a.LastUsedUtc })
            .FirstOrDefaultAsync(ct);
        return new TwoFactorSettingsViewModel
        {
            ActivatedUtc = active?.ActivatedUtc,
            LastUsedUtc = active?.LastUsedUtc,
            RecoveryCodesLeft = await recoveryCodes.RemainingAsync(userId, ct),
            NoticeKey = noticeKey,
        };
    }
}
