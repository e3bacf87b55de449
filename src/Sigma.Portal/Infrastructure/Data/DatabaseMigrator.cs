using Microsoft.Data.Sqlite;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>
/// Brings the database up to date before the portal serves requests. EF Core takes a database-wide migration lock
/// (a lock table on SQLite, <c>sp_getapplock</c> on SQL Server), so instances that start together wait for each other
/// instead of applying a migration twice.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.MigrateOnStartup)
        {
            DataLog.MigrationSkipped(logger);
            return;
        }

        await MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteFolder(settings.ConnectionString!);
        }

        DataLog.Migrating(logger, settings.Provider);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Migrate also compares the model with the last migration, which costs about a second; an up-to-date database
        // (the usual restart) skips that. Instances starting together may both see a pending migration: Migrate's
        // lock makes the second one a no-op.
        if (!await MigrationHistory.IsUpToDateAsync(db.Database, cancellationToken))
        {
            await (settings.Provider == DatabaseProvider.Sqlite ? MigrateSqliteAsync(db, cancellationToken) : db.Database.MigrateAsync(cancellationToken));
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers and one writer work at once, which several instances and the outbox need.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        DataLog.Migrated(logger, settings.Provider);
    }

    /// <summary>
    /// SQLite migrations with foreign keys off for the run (a table rebuild drops and recreates a table that others point
    /// at) and checked in full afterwards, on one connection, so that every migration is a single transaction
    /// (<c>AtomicSqliteMigrations</c>). A violation stops the start rather than leave it unnoticed.
    /// </summary>
    private static async Task MigrateSqliteAsync(PortalDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;", ct);
            await db.Database.MigrateAsync(ct);
            await using var check = db.Database.GetDbConnection().CreateCommand();
            check.CommandText = "PRAGMA foreign_key_check;";
            await using var violations = await check.ExecuteReaderAsync(ct);
            if (await violations.ReadAsync(ct))
            {
                throw new InvalidOperationException($"After the migrations, table {violations.GetString(0)} has a row whose foreign key points nowhere.");
            }
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void CreateSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
