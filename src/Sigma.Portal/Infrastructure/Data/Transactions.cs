using Microsoft.EntityFrameworkCore;
using Sigma.Portal.Data;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>
/// Runs work in one database transaction under the provider's execution strategy (SQL Server's retrying strategy
/// refuses user transactions started outside it). Everything the work saves commits together or not at all.
/// </summary>
public static class Transactions
{
    public static Task<T> InTransactionAsync<T>(this PortalDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }
}
