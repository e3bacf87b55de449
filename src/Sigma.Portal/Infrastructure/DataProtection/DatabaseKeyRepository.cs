using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sigma.Portal.Infrastructure.DataProtection;

/// <summary>
/// Keeps the key ring in the portal database's <c>DataProtectionKeys</c> table, as EF Core's data protection package
/// does, so every instance reads the same keys. The package reads the ring with a LINQ query, and data protection reads
/// it while the portal starts: that first query made EF Core compile its query pipeline before the first answer, 0.13 s
/// and 7 MiB of a start (docs/performance.md). Here the read is one plain SQL statement; writing a key (once per key
/// lifetime) still goes through the model.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceScopeFactory scopes, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database;
        // The provider's retry policy (SQL Server's transient faults) covers the read as it covered the LINQ query.
        return database.CreateExecutionStrategy().Execute(database, ReadAll);
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>Reads the <c>Xml</c> column of every key row, in the provider's dialect.</summary>
    public static string SelectQuery(ISqlGenerationHelper sql) =>
        $"SELECT {sql.DelimitIdentifier(nameof(DataProtectionKey.Xml))} FROM {sql.DelimitIdentifier(nameof(PortalDbContext.DataProtectionKeys))}";

    private List<XElement> ReadAll(DatabaseFacade database)
    {
        database.OpenConnection();
        try
        {
            using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = SelectQuery(database.GetService<ISqlGenerationHelper>());
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read())
            {
                // Like the package, a row that is not a key is skipped rather than stopping the whole ring from loading
                // (which would void every cookie and link); unlike it, the row's text is not logged, as it may be a key.
                if (Parse(reader.IsDBNull(0) ? null : reader.GetString(0)) is { } element)
                {
                    elements.Add(element);
                }
                else
                {
                    DataLog.KeyRowSkipped(logger);
                }
            }

            return elements;
        }
        finally
        {
            database.CloseConnection();
        }
    }

    private static XElement? Parse(string? xml)
    {
        try
        {
            return string.IsNullOrWhiteSpace(xml) ? null : XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
