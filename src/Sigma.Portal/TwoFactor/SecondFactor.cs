using Sigma.Portal.Accounts;
using Sigma.Portal.Administration;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.TwoFactor;

/// <summary>
/// Checks the second factor at sign-in: a code of the active authenticator, a recovery code or an access pass. Each is
/// counted toward the same lockout as passwords before it is evaluated, so parallel guesses cannot race past the
/// limit; the attempt that locks the account is told so.
/// </summary>
public sealed class SecondFactor(
    PortalDbContext db,
    TotpVerifier totp,
    RecoveryCodes recoveryCodes,
    AccessPasses accessPasses,
    LockoutCounter lockout,
    TwoFactorEmails emails,
    AuditTrail audit,
    ILogger<SecondFactor> logger)
{
    public async Task<SecondFactorResult> CheckCodeAsync(PortalUser user, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var attempt = await lockout.BeginAsync(user, ct);
        if (!attempt.Allowed)
        {
            return new SecondFactorResult { LockedUntil = attempt.LockedUntil };
        }

        var active = await AuthenticatorQueries.Active(db, user.Id, ct);
        if (active is not null && await totp.VerifyAsync(active, code, ct) == TotpResult.Accepted)
        {
            await lockout.SucceededAsync(attempt, ct);
            return new SecondFactorResult { Accepted = true };
        }

        return await FailedAsync(attempt, "WrongCode", ct);
    }

    public async Task<SecondFactorResult> CheckRecoveryCodeAsync(PortalUser user, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var attempt = await lockout.BeginAsync(user, ct);
        if (!attempt.Allowed)
        {
            return new SecondFactorResult { LockedUntil = attempt.LockedUntil };
        }

        if (!await recoveryCodes.RedeemAsync(user.Id, code, ct))
        {
            TwoFactorLog.RecoveryCodeRejected(logger, user.Id);
            return await FailedAsync(attempt, "WrongRecoveryCode", ct);
        }

        await lockout.SucceededAsync(attempt, ct);
        var left = await recoveryCodes.RemainingAsync(user.Id, ct);
        emails.QueueRecoveryCodeUsed(user, left);
        audit.Record(AuditEventType.RecoveryCodeUsed, user.Id, $"{left} left");
        await db.SaveChangesAsync(ct);
        TwoFactorLog.RecoveryCodeUsed(logger, user.Id, left);
        return new SecondFactorResult { Accepted = true, RecoveryCodesLeft = left };
    }

    /// <summary>After an administrator's reset: the one-time access pass that allows setting up a new authenticator.</summary>
    public async Task<SecondFactorResult> CheckAccessPassAsync(PortalUser user, string? pass, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var attempt = await lockout.BeginAsync(user, ct);
        if (!attempt.Allowed)
        {
            return new SecondFactorResult { LockedUntil = attempt.LockedUntil };
        }

        if (!await accessPasses.RedeemAsync(user.Id, pass, ct))
        {
            audit.Record(AuditEventType.AccessPassRejected, user.Id);
            return await FailedAsync(attempt, "WrongAccessPass", ct);
        }

        await lockout.SucceededAsync(attempt, ct);
        await audit.RecordNowAsync(AuditEventType.AccessPassUsed, user.Id, null, ct);
        return new SecondFactorResult { Accepted = true };
    }

    private async Task<SecondFactorResult> FailedAsync(CredentialAttempt attempt, string reason, CancellationToken ct)
    {
        await audit.RecordNowAsync(AuditEventType.SignInFailed, attempt.UserId, reason, ct);
        return new() { LockedUntil = await lockout.FailedAsync(attempt, ct) };
    }
}
