using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Sigma.Portal.Data;
using Sigma.Portal.Migrations.Sqlite;
using Sigma.Portal.Migrations.SqlServer;

namespace Sigma.Portal.Tests.Data;

public sealed class MigrationTests
{
    public static TheoryData<string> Providers => ["Sqlite", "SqlServer"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_ForEachProvider_HasNoChangesMissingFromItsMigrations(string provider)
    {
        using var db = CreateDesignTimeContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"Add a {provider} migration for the latest model change.");
    }

    [Fact]
    public void CompiledSqliteModel_IsTheModelTheCodeDescribes()
    {
        using var described = CreateDesignTimeContext("Sqlite");
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        SqliteMigrations.Use(options, "Data Source=compiled-model.db");
        using var compiled = new PortalDbContext(options.Options);

        // A stale compiled model would silently leave a new column unread and unwritten.
        Assert.Equal(ModelFingerprint.Of(described.GetService<IDesignTimeModel>().Model), ModelFingerprint.Of(compiled.Model));
    }

    [Fact]
    public void SqlServerScript_Idempotent_ParsesWithoutErrors()
    {
        using var db = CreateDesignTimeContext("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var errors = ParseTransactSql(script);

        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public void SqlServerScriptCheck_BrokenScript_ReportsErrors()
    {
        using var db = CreateDesignTimeContext("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var errors = ParseTransactSql(script.Replace("CREATE TABLE", "CREATE TABEL", StringComparison.Ordinal));

        Assert.NotEmpty(errors);
    }

    internal static PortalDbContext CreateDesignTimeContext(string provider) => provider switch
    {
        "SqlServer" => new SqlServerMigrations().CreateDbContext([]),
        _ => new SqliteMigrations().CreateDbContext([]),
    };

    internal static IList<ParseError> ParseTransactSql(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);
        return errors;
    }
}
