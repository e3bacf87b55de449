using Sigma.Portal.Accounts;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Audit;
using Sigma.Portal.Sessions;

namespace Sigma.Portal.Administration.Accounts;

/// <summary>
/// Deactivating stops sign-in and ends every session at once (new security stamp) and every open link; reactivating
/// lets the person sign in again with what they had. Administrators cannot deactivate themselves.
/// </summary>
public sealed class AccountDeactivation(
    PortalDbContext db,
    AccountTokens tokens,
    UserSessions sessions,
    AuditTrail audit,
    TimeProvider time,
    ILogger<AccountDeactivation> logger)
{
    public async Task<bool> DeactivateAsync(Guid userId, Guid administratorId, string? reason, CancellationToken ct)
    {
        if (userId == administratorId)
        {
            return false;
        }

        // The account, its links, its sessions and the audit event change together, or none of them does.
        var deactivated = await db.InTransactionAsync(
            async transactionCt =>
            {
                var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DeactivatedUtc == null, transactionCt);
                if (user is null)
                {
                    return false;
                }

                user.DeactivatedUtc = time.GetUtcNow().UtcDateTime;
                SecurityStamps.Renew(user);
                await tokens.RevokeAllAsync(userId, transactionCt);
                await sessions.RevokeAllAsync(userId, transactionCt);
                audit.Record(AuditEventType.AccountDeactivated, userId, reason, administratorId);
                await db.SaveChangesAsync(transactionCt);
                return true;
            },
            ct);
        if (deactivated)
        {
            AdministrationLog.Deactivated(logger, administratorId, userId);
        }

        return deactivated;
    }

    public async Task<bool> ReactivateAsync(Guid userId, Guid administratorId, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DeactivatedUtc != null, ct);
        if (user is null)
        {
            return false;
        }

        user.DeactivatedUtc = null;
        audit.Record(AuditEventType.AccountReactivated, userId, actorId: administratorId);
        await db.SaveChangesAsync(ct);
        AdministrationLog.Reactivated(logger, administratorId, userId);
        return true;
    }
}
