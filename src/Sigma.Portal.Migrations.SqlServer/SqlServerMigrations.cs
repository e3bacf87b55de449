using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sigma.Portal.Data;

namespace Sigma.Portal.Migrations.SqlServer;

/// <summary>The SQL Server migrations of <see cref="PortalDbContext"/>, and how the app and the EF tools point at them.</summary>
public sealed class SqlServerMigrations : IDesignTimeDbContextFactory<PortalDbContext>
{
    public static string AssemblyName { get; } = typeof(SqlServerMigrations).Assembly.GetName().Name!;

    public static void Use(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlServer(connectionString, sqlServer =>
        {
            sqlServer.MigrationsAssembly(AssemblyName);
            // Transient faults (failover, throttling) are retried instead of failing the request.
            sqlServer.EnableRetryOnFailure();
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
