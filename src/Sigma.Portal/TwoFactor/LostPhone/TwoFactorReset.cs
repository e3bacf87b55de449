using Sigma.Portal.Accounts;
using Sigma.Portal.Audit;
using Sigma.Portal.Sessions;
using Sigma.Portal.TwoFactor.Authenticators;
using Sigma.Portal.TwoFactor.Recovery;

namespace Sigma.Portal.TwoFactor.LostPhone;

/// <summary>
/// A lost phone: revokes the account's authenticators, recovery codes and passkeys, ends every session (new security
/// stamp) and issues a one-time access pass for the administrator to hand over after checking who is calling. Until the
/// person uses that pass, a password alone cannot set up a new authenticator. The person is told by email (without the
/// pass).
/// </summary>
public sealed class TwoFactorReset(
    PortalDbContext db,
    AccessPasses passes,
    AuthenticatorEnrolment authenticators,
    RecoveryCodes recoveryCodes,
    TwoFactorEmails emails,
    AuditTrail audit,
    UserSessions sessions,
    TimeProvider time,
    ILogger<TwoFactorReset> logger)
{
    /// <returns>The access pass to read out, or null when there is no such account.</returns>
    public Task<string?> ResetAsync(Guid userId, Guid administratorId, string reason, CancellationToken ct) =>
        db.InTransactionAsync<string?>(async transactionCt =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, transactionCt);
            if (user is null)
            {
                return null;
            }

            var now = time.GetUtcNow().UtcDateTime;
            await authenticators.RevokeAllAsync(userId, keep: null, transactionCt);
            await recoveryCodes.RevokeAllAsync(userId, transactionCt);
            // A passkey on the lost phone would otherwise still sign in on its own.
            await db.UserPasskeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(transactionCt);
            SecurityStamps.Renew(user);
            await sessions.RevokeAllAsync(userId, transactionCt);
            user.TwoFactorResetUtc = now;
            var pass = await passes.IssueAsync(userId, administratorId, transactionCt);
            emails.QueueReset(user);
            audit.Record(AuditEventType.TwoFactorReset, userId, reason, administratorId);
            audit.Record(AuditEventType.AccessPassIssued, userId, actorId: administratorId);
            await db.SaveChangesAsync(transactionCt);
            TwoFactorLog.TwoFactorReset(logger, administratorId, userId);
            return pass;
        }, ct);
}
