using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Audit;
using Sigma.Portal.TwoFactor.Authenticators;
using Sigma.Portal.TwoFactor.LostPhone;
using Sigma.Portal.TwoFactor.Recovery;

namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>
/// Checks the second factor, at sign-in and at re-authentication under Settings alike: a code of the active
/// authenticator, a recovery code (used up, audited and emailed) or an access pass. Each check is counted toward the same
/// lockout as passwords before it is evaluated, so parallel guesses cannot race past the limit; the attempt that locks
/// the account is told so.
/// </summary>
public sealed class SecondFactor(
    PortalDbContext db,
    IPasswordHasher<PortalUser> hasher,
    PasswordWork work,
    TotpVerifier totp,
    RecoveryCodes recoveryCodes,
    AccessPasses accessPasses,
    LockoutCounter lockout,
    TwoFactorEmails emails,
    AuditTrail audit,
    SignInMetrics metrics,
    ILogger<SecondFactor> logger)
{
    public Task<SecondFactorResult> CheckCodeAsync(PortalUser user, string? code, CancellationToken ct) =>
        CheckAsync(user, "WrongCode", SignInMetrics.Steps.Code, () => CodeAsync(user, code, ct), ct);

    public Task<SecondFactorResult> CheckRecoveryCodeAsync(PortalUser user, string? code, CancellationToken ct) =>
        CheckAsync(user, "WrongRecoveryCode", SignInMetrics.Steps.RecoveryCode, () => RecoveryCodeAsync(user, code, ct), ct);

    /// <summary>After an administrator's reset: the one-time access pass that allows setting up a new authenticator.</summary>
    public Task<SecondFactorResult> CheckAccessPassAsync(PortalUser user, string? pass, CancellationToken ct) =>
        CheckAsync(user, "WrongAccessPass", SignInMetrics.Steps.AccessPass, () => AccessPassAsync(user, pass, ct), ct);

    /// <summary>
    /// Re-authentication before a change to the factors: the password and then a code or a recovery code, together one
    /// attempt, checked as at sign-in.
    /// </summary>
    public Task<SecondFactorResult> CheckPasswordAndCodeAsync(PortalUser user, string password, string? code, CancellationToken ct) =>
        CheckAsync(
            user,
            "Reauthentication",
            SignInMetrics.Steps.Reauthentication,
            async () => await PasswordMatchesAsync(user, password, ct)
                ? await (TotpVerifier.Normalize(code) is null ? RecoveryCodeAsync(user, code, ct) : CodeAsync(user, code, ct))
                : null,
            ct);

    private async Task<SecondFactorResult> CheckAsync(PortalUser user, string failure, string step, Func<Task<SecondFactorResult?>> check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var attempt = await lockout.BeginAsync(user, ct);
        if (!attempt.Allowed)
        {
            metrics.Attempt(step, SignInMetrics.Outcomes.Locked);
            return new SecondFactorResult { LockedUntil = attempt.LockedUntil };
        }

        var result = await check();
        if (result is { Accepted: true })
        {
            await lockout.SucceededAsync(attempt, ct);
            metrics.Attempt(step, SignInMetrics.Outcomes.Ok);
            return result;
        }

        // A code used before is as wrong as any other (RFC 6238 §5.2), but worth telling apart: it was seen by someone.
        var replayed = result is { Replayed: true };
        await audit.RecordNowAsync(AuditEventType.SignInFailed, user.Id, replayed ? "ReplayedCode" : failure, ct);
        metrics.Attempt(step, replayed ? SignInMetrics.Outcomes.Replayed : SignInMetrics.Outcomes.Wrong);
        return new SecondFactorResult { LockedUntil = await lockout.FailedAsync(attempt, ct) };
    }

    private async Task<bool> PasswordMatchesAsync(PortalUser user, string password, CancellationToken ct) =>
        user.PasswordHash is not null
        && await work.RunAsync(() => hasher.VerifyHashedPassword(user, user.PasswordHash, password), ct) != PasswordVerificationResult.Failed;

    private async Task<SecondFactorResult?> CodeAsync(PortalUser user, string? code, CancellationToken ct)
    {
        var active = await AuthenticatorQueries.Active(db, user.Id, ct);
        return active is null ? null
            : await totp.VerifyAsync(active, code, ct) switch
            {
                TotpResult.Accepted => new SecondFactorResult { Accepted = true },
                TotpResult.Replayed => SecondFactorResult.ReplayedCode,
                _ => null,
            };
    }

    /// <summary>The code used up, the audit event and the notice to the person commit together, or none of them.</summary>
    private async Task<SecondFactorResult?> RecoveryCodeAsync(PortalUser user, string? code, CancellationToken ct)
    {
        var left = await db.InTransactionAsync<int?>(
            async transactionCt =>
            {
                if (!await recoveryCodes.RedeemAsync(user.Id, code, transactionCt))
                {
                    return null;
                }

                var remaining = await recoveryCodes.RemainingAsync(user.Id, transactionCt);
                emails.QueueRecoveryCodeUsed(user, remaining);
                audit.Record(AuditEventType.RecoveryCodeUsed, user.Id, $"{remaining} left");
                await db.SaveChangesAsync(transactionCt);
                return remaining;
            },
            ct);
        if (left is not { } count)
        {
            TwoFactorLog.RecoveryCodeRejected(logger, user.Id);
            return null;
        }

        TwoFactorLog.RecoveryCodeUsed(logger, user.Id, count);
        return new SecondFactorResult { Accepted = true, RecoveryCodesLeft = count };
    }

    private async Task<SecondFactorResult?> AccessPassAsync(PortalUser user, string? pass, CancellationToken ct)
    {
        var used = await db.InTransactionAsync(
            async transactionCt =>
            {
                if (!await accessPasses.RedeemAsync(user.Id, pass, transactionCt))
                {
                    return false;
                }

                audit.Record(AuditEventType.AccessPassUsed, user.Id);
                await db.SaveChangesAsync(transactionCt);
                return true;
            },
            ct);
        if (!used)
        {
            audit.Record(AuditEventType.AccessPassRejected, user.Id);
            return null;
        }

        return new SecondFactorResult { Accepted = true };
    }
}
