
namespace Sigma.Portal.Email;

/// <summary>What the outbox holds that has not gone out, for the Status page and the email gauges.</summary>
/// <param name="Waiting">Not yet tried.</param>
/// <param name="Retrying">Tried and failed, to be tried again.</param>
/// <param name="Dead">Given up on: an administrator retries them under E-mail.</param>
/// <param name="OldestUnsentUtc">When the oldest message still to be sent (waiting or retrying) was queued.</param>
public sealed record OutboxBacklog(int Waiting, int Retrying, int Dead, DateTime? OldestUnsentUtc)
{
    public static readonly OutboxBacklog Empty = new(0, 0, 0, null);

    /// <summary>One query over the unsent rows (an index on SentUtc keeps it off the sent ones).</summary>
    public static IQueryable<OutboxBacklog> Query(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentUtc == null)
            .GroupBy(m => 1)
            .Select(g => new OutboxBacklog(
                g.Count(m => m.DeadUtc == null && m.Attempts == 0),
                g.Count(m => m.DeadUtc == null && m.Attempts > 0),
                g.Count(m => m.DeadUtc != null),
                g.Where(m => m.DeadUtc == null).Min(m => (DateTime?)m.CreatedUtc)));
    }
}
