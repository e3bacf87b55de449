using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Sigma.Portal.Data;

namespace Sigma.Portal.Infrastructure.DataProtection;

/// <summary>
/// Keeps the key ring in the portal database's <c>DataProtectionKeys</c> table, as EF Core's data protection package
/// does, so every instance reads the same keys. The package reads the ring with a LINQ query, and data protection reads
/// it while the portal starts: that first query made EF Core compile its query pipeline before the first answer, 0.13 s
/// and 7 MiB of a start (docs/performance.md). Here the read is one plain SQL statement; writing a key (once per key
/// lifetime) still goes through the model.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
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

    private static List<XElement> ReadAll(DatabaseFacade database)
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
                // The package skips rows without XML too: a half-written row must not stop the ring from loading.
                if (!reader.IsDBNull(0) && reader.GetString(0) is var xml && !string.IsNullOrWhiteSpace(xml))
                {
                    elements.Add(XElement.Parse(xml));
                }
            }

            return elements;
        }
        finally
        {
            database.CloseConnection();
        }
    }
}
