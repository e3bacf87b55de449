using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sigma.Portal.Data;
using Sigma.Portal.Infrastructure.Data;
using Sigma.Portal.Migrations.Sqlite;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Data;

/// <summary>
/// SQLite migrations run whole: a table rebuild (AdministrationAndAudit changes a column's type) no longer splits its
/// migration around EF Core's foreign-key switches, and rows that point at the rebuilt table survive it.
/// </summary>
public sealed class SqliteMigrationTests
{
    private const string BeforeRebuild = "20261127000823_TwoFactor";

    [Fact]
    public async Task FreshDatabase_Migrates_WithoutAnOperationOutsideItsTransaction()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        var logs = new CapturedLogs();

        await using (var services = Services(folder, logs))
        {
            await Migrator(services, folder).MigrateAsync(ct);
        }

        Assert.DoesNotContain(logs.Entries, e => e.Contains("cannot be executed in a transaction", StringComparison.Ordinal));
        TestFolder.Delete(folder);
    }

    [Fact]
    public async Task RebuiltTable_KeepsTheRowsThatPointAtIt_AndForeignKeysHoldAfterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        var user = Guid.NewGuid();
        await using (var services = Services(folder, new CapturedLogs()))
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await db.GetService<IMigrator>().MigrateAsync(BeforeRebuild, ct);
                await db.Database.ExecuteSqlAsync($"INSERT INTO AspNetUsers (Id, AccessFailedCount, EmailConfirmed, LockoutEnabled, PhoneNumberConfirmed, TwoFactorEnabled, DisplayName, AccountType, PreferredLanguage, CreatedUtc) VALUES ({user}, 0, 1, 1, 0, 0, 'Jan Jansen', 1, 'nl', '2026-11-27 00:00:00')", ct);
                await db.Database.ExecuteSqlAsync($"INSERT INTO AspNetUserClaims (UserId, ClaimType, ClaimValue) VALUES ({user}, 'test', 'kept')", ct);
            }

            await Migrator(services, folder).MigrateAsync(ct);

            await using var after = services.CreateAsyncScope();
            var migrated = after.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.Equal(1, await migrated.UserClaims.CountAsync(c => c.UserId == user, ct));
            // Foreign keys are on again for the portal's own connections: a claim of nobody is refused.
            await Assert.ThrowsAsync<SqliteException>(() =>
                migrated.Database.ExecuteSqlAsync($"INSERT INTO AspNetUserClaims (UserId, ClaimType, ClaimValue) VALUES ({Guid.NewGuid()}, 'test', 'orphan')", ct));
        }

        TestFolder.Delete(folder);
    }

    [Fact]
    public void ScriptOfTheEfTools_KeepsSqlitesOwnSwitches()
    {
        using var db = MigrationTests.CreateDesignTimeContext("Sqlite");

        var script = db.GetService<IMigrator>().GenerateScript(BeforeRebuild, "20261127003007_AdministrationAndAudit");

        Assert.Contains("PRAGMA foreign_keys = 0", script, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string folder, CapturedLogs logs) => new ServiceCollection()
        .AddLogging(b => b.AddProvider(logs))
        .AddDbContext<PortalDbContext>((provider, options) =>
        {
            SqliteMigrations.Use(options, ConnectionString(folder));
            options.UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>());
        })
        .BuildServiceProvider();

    private static DatabaseMigrator Migrator(ServiceProvider services, string folder) => new(
        services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new DatabaseOptions { ConnectionString = ConnectionString(folder) }),
        NullLogger<DatabaseMigrator>.Instance);

    private static string ConnectionString(string folder) => $"Data Source={Path.Combine(folder, "portal.db")};Pooling=False";
}
