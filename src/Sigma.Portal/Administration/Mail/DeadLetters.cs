using Sigma.Portal.Audit;
using Sigma.Portal.Email;

namespace Sigma.Portal.Administration.Mail;

/// <summary>Email that could not be delivered, for the admin console: what failed and why, and a way to try again.</summary>
public sealed class DeadLetters(PortalDbContext db, WakeSignal<OutboxDispatcher> signal, AuditTrail audit, TimeProvider time)
{
    public sealed record Item(Guid Id, string Kind, string ToAddress, DateTime CreatedUtc, int Attempts, string? LastError, DateTime? DeadUtc, DateTime NextAttemptUtc);

    /// <summary>Dead messages and those still being retried, newest first.</summary>
    public Task<List<Item>> ListAsync(CancellationToken ct) =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentUtc == null && (m.DeadUtc != null || m.Attempts > 0))
            .OrderByDescending(m => m.CreatedUtc)
            .Take(200)
            .Select(m => new Item(m.Id, m.Kind, m.ToAddress, m.CreatedUtc, m.Attempts, m.LastError, m.DeadUtc, m.NextAttemptUtc))
            .ToListAsync(ct);

    /// <summary>Puts a dead message back in the queue with a fresh series of attempts.</summary>
    public async Task<bool> RetryAsync(Guid messageId, Guid administratorId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // The message back in the queue and the audit event that says so: together, or neither.
        var retried = await db.InTransactionAsync(
            async transactionCt =>
            {
                var changed = await db.OutboxMessages.Where(m => m.Id == messageId && m.DeadUtc != null && m.SentUtc == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.DeadUtc, (DateTime?)null)
                        .SetProperty(m => m.Attempts, 0)
                        .SetProperty(m => m.NextAttemptUtc, now), transactionCt);
                if (changed == 0)
                {
                    return false;
                }

                audit.Record(AuditEventType.EmailRetried, null, messageId.ToString(), administratorId);
                await db.SaveChangesAsync(transactionCt);
                return true;
            },
            ct);
        if (retried)
        {
            signal.Notify();
        }

        return retried;
    }
}
