using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sigma.Portal.Data;
using Sigma.Portal.Infrastructure.DataProtection;
using Sigma.Portal.Migrations.Sqlite;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Data;

public sealed class DatabaseKeyRepositoryTests
{
    [Theory]
    [MemberData(nameof(MigrationTests.Providers), MemberType = typeof(MigrationTests))]
    public void SelectQuery_ReadsTheTableAndColumnTheModelMapsKeysTo(string provider)
    {
        using var db = MigrationTests.CreateDesignTimeContext(provider);
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(DataProtectionKey))!;
        var table = StoreObjectIdentifier.Table(key.GetTableName()!, key.GetSchema());

        var query = DatabaseKeyRepository.SelectQuery(sql);

        // If the mapping ever moved, the portal would read an empty ring and make new keys: every cookie and link void.
        Assert.Equal($"SELECT {sql.DelimitIdentifier(key.FindProperty(nameof(DataProtectionKey.Xml))!.GetColumnName(table)!)} FROM {sql.DelimitIdentifier(table.Name)}", query);
    }

    [Fact]
    public void SelectQuery_SqlServer_ParsesWithoutErrors()
    {
        using var db = MigrationTests.CreateDesignTimeContext("SqlServer");

        Assert.Empty(MigrationTests.ParseTransactSql(DatabaseKeyRepository.SelectQuery(db.GetService<ISqlGenerationHelper>())));
    }

    [Fact]
    public async Task StoredKey_IsReadByAnotherInstance_AndRowsWithoutAKeyAreSkippedWithoutLoggingTheirText()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db") }.ToString();
        var key = new XElement("key", new XAttribute("id", Guid.NewGuid()), new XElement("descriptor", "secret material"));
        await using (var writer = Instance(connectionString))
        {
            await using (var scope = writer.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await db.Database.MigrateAsync(ct);
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "half-written", Xml = null });
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "blank", Xml = " " });
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "damaged", Xml = "<key><masterKey>c2VjcmV0" });
                await db.SaveChangesAsync(ct);
            }

            new DatabaseKeyRepository(writer.GetRequiredService<IServiceScopeFactory>(), NullLogger<DatabaseKeyRepository>.Instance).StoreElement(key, "key-1");
        }

        var logs = new CapturedLogs();
        IReadOnlyCollection<XElement> read;
        await using (var reader = Instance(connectionString))
        using (var logging = LoggerFactory.Create(b => b.AddProvider(logs)))
        {
            read = new DatabaseKeyRepository(reader.GetRequiredService<IServiceScopeFactory>(), logging.CreateLogger<DatabaseKeyRepository>()).GetAllElements();
        }

        Assert.True(XNode.DeepEquals(key, Assert.Single(read)));
        Assert.Equal(3, logs.Entries.Count(e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("skipped", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Entries, e => e.Contains("c2VjcmV0", StringComparison.Ordinal));
        TestFolder.Delete(folder);
    }

    private static ServiceProvider Instance(string connectionString) => new ServiceCollection()
        .AddDbContextPool<PortalDbContext>(options => SqliteMigrations.Use(options, connectionString))
        .BuildServiceProvider();
}
