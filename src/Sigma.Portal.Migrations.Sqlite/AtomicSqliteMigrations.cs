using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Sigma.Portal.Migrations.Sqlite;

/// <summary>
/// SQLite's SQL for migrations without its <c>PRAGMA foreign_keys</c> switches. EF Core puts them around a table
/// rebuild (SQLite cannot change a column's type in place) and must run them outside the migration's transaction,
/// which splits the migration: a crash between the parts would leave it half applied. The portal instead switches
/// foreign keys off for the whole run, on the migrating connection, before any transaction starts, and checks them
/// all afterwards (<c>DatabaseMigrator</c>); so each migration is one transaction again.
/// </summary>
public sealed class AtomicSqliteMigrations(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    public override IReadOnlyList<MigrationCommand> Generate(
        IReadOnlyList<MigrationOperation> operations, IModel? model = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default) =>
        [.. base.Generate(operations, model, options).Where(command => !IsForeignKeysSwitch(command.CommandText))];

    private static bool IsForeignKeysSwitch(string sql) =>
        sql.TrimStart().StartsWith("PRAGMA foreign_keys", StringComparison.OrdinalIgnoreCase);
}
