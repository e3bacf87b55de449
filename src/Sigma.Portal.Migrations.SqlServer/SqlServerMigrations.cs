using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sigma.Portal.Data;

namespace Sigma.Portal.Migrations.SqlServer;

/// <summary>The SQL Server migrations of <see cref="PortalDbContext"/>, and how the app and the EF tools point at them.</summary>
public sealed class SqlServerMigrations : IDesignTimeDbContextFactory<PortalDbContext>
{
    public static string AssemblyName { get; } = typeof(SqlServerMigrations).Assembly.GetName().Name!;

    /// <param name="options">The options to point at SQL Server.</param>
    /// <param name="connectionString">The server and database.</param>
    /// <param name="commandTimeoutSeconds">How long one command may run.</param>
    /// <param name="retries">How often a command is tried again after a transient fault (failover, throttling).</param>
    public static void Use(DbContextOptionsBuilder options, string connectionString, int commandTimeoutSeconds = 30, int retries = 5)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlServer(connectionString, sqlServer =>
        {
            sqlServer.MigrationsAssembly(AssemblyName);
            sqlServer.CommandTimeout(commandTimeoutSeconds);
            // Transient faults (failover, throttling) are retried instead of failing the request.
            if (retries > 0)
            {
                sqlServer.EnableRetryOnFailure(retries, TimeSpan.FromSeconds(10), errorNumbersToAdd: null);
            }
        });
    }

    /// <summary>Used by <c>dotnet ef migrations add</c> and script generation; no server is contacted.</summary>
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        Use(options, "Server=(design-time);Database=SigmaPortal;Integrated Security=true;TrustServerCertificate=true");
        return new PortalDbContext(options.Options);
    }
}
