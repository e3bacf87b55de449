using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sigma.Portal.Infrastructure.Data;

internal static class DatabaseModule
{
    public static WebApplicationBuilder AddPortalDatabase(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations();
        services.AddSingleton<DatabaseOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());

        services.AddDbContextPool<PortalDbContext>((sp, options) =>
        {
            DatabaseProviders.Use(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
            // Features hook into saving (for example the outbox waking its dispatcher) through interceptors.
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });

        // Registered first among the hosted services: everything after it may assume an up-to-date schema.
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        // A real read, not just opening a connection: a locked or unreachable database must show as unhealthy. Plain SQL,
        // because the first /health (what a deployment waits for) would otherwise compile a LINQ query before answering.
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", customTestQuery: async (db, ct) =>
        {
            await db.Database.ExecuteSqlRawAsync("SELECT COUNT(*) FROM \"PortalSecrets\"", ct);
            return true;
        });
        return builder;
    }
}
