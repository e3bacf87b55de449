using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Sigma.Portal.Data;
using Sigma.Portal.Infrastructure.Data;
using Sigma.Portal.Migrations.Sqlite;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Data;

public sealed class MigrationHistoryTests
{
    [Theory]
    [MemberData(nameof(MigrationTests.Providers), MemberType = typeof(MigrationTests))]
    public void CountQuery_ReadsTheTableAndColumnEfRecordsMigrationsIn(string provider)
    {
        using var db = MigrationTests.CreateDesignTimeContext(provider);
        var sql = db.GetService<ISqlGenerationHelper>();

        var script = db.GetService<IMigrator>().GenerateScript();

        // If EF ever renamed its history table or column, the quick check would find nothing and migrate on every start.
        Assert.Contains($"INSERT INTO {MigrationHistory.HistoryTable(sql)} ({MigrationHistory.MigrationIdColumn(sql)}", script, StringComparison.Ordinal);
    }

    [Fact]
    public void CountQuery_SqlServer_ParsesWithoutErrors()
    {
        using var db = MigrationTests.CreateDesignTimeContext("SqlServer");

        var query = MigrationHistory.CountQuery(db.GetService<ISqlGenerationHelper>()).Replace("@newest", "N'x'", StringComparison.Ordinal);

        Assert.Empty(MigrationTests.ParseTransactSql(query));
    }

    [Fact]
    public async Task IsUpToDate_FollowsTheNewestMigrationInTheDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        SqliteMigrations.Use(options, new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db") }.ToString());
        await using (var db = new PortalDbContext(options.Options))
        {
            var empty = await MigrationHistory.IsUpToDateAsync(db.Database, ct);
            await db.Database.MigrateAsync(ct);
            var migrated = await MigrationHistory.IsUpToDateAsync(db.Database, ct);
            await db.Database.ExecuteSqlRawAsync(
                "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", [db.Database.GetMigrations().Last()], ct);
            var newestMissing = await MigrationHistory.IsUpToDateAsync(db.Database, ct);

            Assert.False(empty);
            Assert.True(migrated);
            Assert.False(newestMissing);
        }

        TestFolder.Delete(folder);
    }
}
