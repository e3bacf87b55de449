using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.Audit;
using Sigma.Portal.Infrastructure.Data;
using Sigma.Portal.Migrations.Sqlite;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Data;

/// <summary>
/// SQL Server's execution strategy runs a transaction's work again after a transient fault. These tests give a real
/// SQLite database a strategy that retries once and inject one fault, where SQL Server could meet one: in the middle
/// of a save, and at the commit.
/// </summary>
public sealed class TransactionRetryTests
{
    public static TheoryData<string> Faults => ["insert", "commit"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Retry_AfterAFault_SavesTheChangeAndEachNewRecordOnce(string fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db") }.ToString();
        var userId = await AccountAsync(connectionString, ct);

        await using (var db = Context(connectionString, fault == "commit" ? new FailFirstCommit() : new FailFirstAuditInsert()))
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
            await db.InTransactionAsync(
                async transactionCt =>
                {
                    user.DisplayName = "Nieuwe naam";
                    db.AuditEvents.Add(new AuditEvent { EventType = "Renamed", UserId = userId, OccurredUtc = TimeProvider.System.GetUtcNow().UtcDateTime });
                    return await db.SaveChangesAsync(transactionCt);
                },
                ct);
        }

        await using var check = Context(connectionString);
        // Without a fresh start the retry took the rolled-back rename for saved (commit) or added a second event (insert).
        Assert.Equal("Nieuwe naam", await check.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct));
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.UserId == userId, ct));
        TestFolder.Delete(folder);
    }

    private static async Task<Guid> AccountAsync(string connectionString, CancellationToken ct)
    {
        await using var db = Context(connectionString);
        await db.Database.MigrateAsync(ct);
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = "retry@voorbeeld.nl",
            Email = "retry@voorbeeld.nl",
            DisplayName = "Oude naam",
            CreatedUtc = TimeProvider.System.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user.Id;
    }

    private static PortalDbContext Context(string connectionString, params IInterceptor[] faults)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        SqliteMigrations.Use(options, connectionString);
        options.UseSqlite(connectionString, sqlite => sqlite.ExecutionStrategy(dependencies => new RetryOnce(dependencies)));
        options.AddInterceptors(faults);
        return new PortalDbContext(options.Options);
    }

    private sealed class RetryOnce(ExecutionStrategyDependencies dependencies)
        : ExecutionStrategy(dependencies, maxRetryCount: 1, maxRetryDelay: TimeSpan.FromMilliseconds(1))
    {
        protected override bool ShouldRetryOn(Exception exception) => exception is TimeoutException;
    }

    private sealed class FailFirstCommit : DbTransactionInterceptor
    {
        private int _commits;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _commits) == 1 ? throw new TimeoutException("Injected: the commit's answer was lost.") : ValueTask.FromResult(result);
    }

    private sealed class FailFirstAuditInsert : DbCommandInterceptor
    {
        private int _inserts;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("INSERT INTO \"AuditEvents\"", StringComparison.Ordinal) && Interlocked.Increment(ref _inserts) == 1
                ? throw new TimeoutException("Injected: the connection dropped during the save.")
                : ValueTask.FromResult(result);
    }
}
