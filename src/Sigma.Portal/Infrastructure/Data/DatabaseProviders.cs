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
        var seconds = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                SqlServerMigrations.Use(builder, connectionString, seconds, options.SqlServerRetries);
                break;
            default:
                SqliteMigrations.Use(builder, connectionString, seconds);
                break;
        }
    }
}
