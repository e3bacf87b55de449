using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sigma.Portal.Data;

namespace Sigma.Portal.Migrations.Sqlite;

/// <summary>The SQLite migrations of <see cref="PortalDbContext"/>, and how the app and the EF tools point at them.</summary>
public sealed class SqliteMigrations : IDesignTimeDbContextFactory<PortalDbContext>
{
    public static string AssemblyName { get; } = typeof(SqliteMigrations).Assembly.GetName().Name!;

    /// <param name="options">The options to point at SQLite.</param>
    /// <param name="connectionString">The database file.</param>
    /// <param name="commandTimeoutSeconds">Also how long SQLite waits for a lock held by another connection.</param>
    public static void Use(DbContextOptionsBuilder options, string connectionString, int commandTimeoutSeconds = 30)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(AssemblyName).CommandTimeout(commandTimeoutSeconds));
    }

    /// <summary>Used by <c>dotnet ef migrations add</c>; the file is never opened to build a migration.</summary>
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        Use(options, "Data Source=design-time.db");
        return new PortalDbContext(options.Options);
    }
}
