using Microsoft.EntityFrameworkCore;
using Sigma.Portal.Migrations.Sqlite;
using Sigma.Portal.Migrations.SqlServer;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured provider and its own migrations assembly.</summary>
public static class DatabaseProviders
{
    public static void Use(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ConnectionString
            ?? throw new InvalidOperationException("ConnectionStrings:Portal is not set.");
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                SqlServerMigrations.Use(builder, connectionString);
                break;
            default:
                SqliteMigrations.Use(builder, connectionString);
                break;
        }
    }
}
