using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>
/// Answers "is the newest migration applied?" with one query. EF Core's own answer (GetPendingMigrations) first builds a
/// model of the history table with the full convention set to learn its column name; that took 0.15 s of a 1.1-s start
/// on one core (docs/performance.md), and the usual restart, on an up-to-date database, needs only this. Both providers
/// keep the history in EF's default table (neither sets MigrationsHistoryTable); MigrationHistoryTests hold the names.
/// </summary>
internal static class MigrationHistory
{
    public static async Task<bool> IsUpToDateAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        // Migrations apply in order, so the newest one recorded means every earlier one is too.
        var newest = database.GetMigrations().LastOrDefault();
        if (newest is null || !await database.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
        {
            return false;
        }

        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = CountQuery(database.GetService<ISqlGenerationHelper>());
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@newest";
            parameter.Value = newest;
            command.Parameters.Add(parameter);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>Counts the history rows of the migration in parameter <c>@newest</c>, in the provider's dialect.</summary>
    public static string CountQuery(ISqlGenerationHelper sql) =>
        $"SELECT COUNT(*) FROM {HistoryTable(sql)} WHERE {MigrationIdColumn(sql)} = @newest";

    public static string HistoryTable(ISqlGenerationHelper sql) => sql.DelimitIdentifier(HistoryRepository.DefaultTableName);

    public static string MigrationIdColumn(ISqlGenerationHelper sql) => sql.DelimitIdentifier(nameof(HistoryRow.MigrationId));
}
