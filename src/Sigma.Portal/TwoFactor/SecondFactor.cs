using Microsoft.EntityFrameworkCore;
using Sigma.Portal.Accounts;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor;

/// <summary>
/// Checks the second factor at sign-in: a code of the active authenticator, or a recovery code. Wrong codes count
/// toward the same lockout as wrong passwords; the attempt that locks the account is told so.
/// </summary>
public sealed class SecondFactor(
    PortalDbContext db,
    TotpVerifier totp,
    RecoveryCodes recoveryCodes,
    LockoutCounter lockout,
    TwoFactorEmails emails,
    ILogger<SecondFactor> logger)
{
    public async Task<SecondFactorResult> CheckCodeAsync(PortalUser user, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (lockout.IsLockedOut(user))
        {
            return new SecondFactorResult { LockedUntil = user.LockoutEnd };
        }

        var active = await db.Authenticators.AsNoTracking()
            .FirstOrDefaultAsync(a => a.UserId == user.Id && a.Status == AuthenticatorStatus.Active, ct);
        if (active is not null && await totp.VerifyAsync(active, code, ct) == TotpResult.Accepted)
        {
            return new SecondFactorResult { Accepted = true };
        }

        return await FailedAsync(user, ct);
    }

    public async Task<SecondFactorResult> CheckRecoveryCodeAsync(PortalUser user, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (lockout.IsLockedOut(user))
        {
            return new SecondFactorResult { LockedUntil = user.LockoutEnd };
        }

        if (!await recoveryCodes.RedeemAsync(user.Id, code, ct))
        {
            TwoFactorLog.RecoveryCodeRejected(logger, user.Id);
            return await FailedAsync(user, ct);
        }

        var left = await recoveryCodes.RemainingAsync(user.Id, ct);
        emails.QueueRecoveryCodeUsed(user, left);
        await db.SaveChangesAsync(ct);
        TwoFactorLog.RecoveryCodeUsed(logger, user.Id, left);
        return new SecondFactorResult { Accepted = true, RecoveryCodesLeft = left };
    }

    private async Task<SecondFactorResult> FailedAsync(PortalUser user, CancellationToken ct) =>
        new() { LockedUntil = await lockout.RecordFailureAsync(user.Id, ct) };
}
