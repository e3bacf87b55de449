using Sigma.Portal.Audit;

namespace Sigma.Portal.Administration.Accounts;

/// <summary>Ends a lockout before its time, for a person who called and was recognised.</summary>
public sealed class AccountUnlock(PortalDbContext db, AuditTrail audit, ILogger<AccountUnlock> logger)
{
    public async Task<bool> UnlockAsync(Guid userId, Guid administratorId, CancellationToken ct)
    {
        var unlocked = await db.InTransactionAsync(
            async transactionCt =>
            {
                var changed = await db.Users.Where(u => u.Id == userId)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null)
                        .SetProperty(u => u.AccessFailedCount, 0)
                        .SetProperty(u => u.ConsecutiveLockouts, 0), transactionCt);
                if (changed == 0)
                {
                    return false;
                }

                audit.Record(AuditEventType.AccountUnlocked, userId, actorId: administratorId);
                await db.SaveChangesAsync(transactionCt);
                return true;
            },
            ct);
        if (unlocked)
        {
            AdministrationLog.Unlocked(logger, administratorId, userId);
        }

        return unlocked;
    }
}
