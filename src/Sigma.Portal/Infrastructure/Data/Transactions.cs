using System.Data;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>
/// The rule: a command that changes rows directly (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, which commit at once) and
/// also saves tracked changes (audit events, outbox emails) runs inside <c>InTransactionAsync</c>,
/// so an audit event or an email never survives without the change it reports, nor the change without them
/// (<c>TransactionRuleTests</c>). Two kinds of write commit on their own, first, on purpose: a guess counted before its
/// credential is evaluated (<c>LockoutCounter.BeginAsync</c>) and a claim that keeps parallel requests from doing the same
/// work twice (an outbox message's lease, an import's <c>ConsumedUtc</c>); they must be visible to others at once.
/// <para>
/// Runs work in one database transaction under the provider's execution strategy (SQL Server's retrying strategy
/// refuses user transactions started outside it). Everything the work saves commits together or not at all, and a
/// retried attempt starts again from what the database holds. So the work makes all its changes inside, where a retry
/// makes them again; a change made to a tracked entity before the call would be lost to a retry.
/// </para>
/// </summary>
public static class Transactions
{
    public static Task<T> InTransactionAsync<T>(this PortalDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.InTransactionAsync(work, IsolationLevel.Unspecified, ct);

    /// <summary>
    /// With <see cref="IsolationLevel.Serializable"/>, a read-then-write (count, then insert) acts as one step: SQLite runs
    /// write transactions one at a time, and SQL Server's range locks make one of two such transactions wait or lose a
    /// deadlock, which its retrying strategy then runs again against what the other committed.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this PortalDbContext db, Func<CancellationToken, Task<T>> work, IsolationLevel isolation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        var trackedBefore = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        var attempts = 0;
        return strategy.ExecuteAsync(async token =>
        {
            if (attempts++ > 0)
            {
                await ForgetFailedAttemptAsync(db, trackedBefore, token);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(isolation, token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }

    // The failed attempt's transaction rolled back, but the change tracker still holds what the attempt did: records
    // it added (still to be inserted, or taken for inserted when the commit was what failed) and changes a save had
    // already accepted. Left there, the retry would insert its audit events and emails twice, or find nothing changed
    // in a password it sets again and skip the UPDATE. So what the attempt added goes, and what was tracked before is
    // read again from the database for the retry to change afresh.
    private static async Task ForgetFailedAttemptAsync(PortalDbContext db, HashSet<object> trackedBefore, CancellationToken ct)
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (trackedBefore.Contains(entry.Entity))
            {
                await entry.ReloadAsync(ct);
            }
            else
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}
