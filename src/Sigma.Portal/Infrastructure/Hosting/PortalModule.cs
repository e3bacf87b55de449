namespace Sigma.Portal.Infrastructure.Hosting;

internal static class PortalModule
{
    /// <summary>What every feature may rely on: the clock and the portal's own settings.</summary>
    public static WebApplicationBuilder AddPortalCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // Links in emails carry one-time tokens in their query string, and MVC traces action arguments (passwords,
        // codes). These framework categories log warnings and errors only, whatever the configuration says; their
        // per-request information lines would also cost more CPU than the page itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Services.AddOptionsWithValidateOnStart<PortalOptions>().BindConfiguration(PortalOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        return builder;
    }

    /// <summary>Static files: fingerprinted ones (asp-append-version) are cached for a year, others for an hour.</summary>
    public static WebApplication UsePortalStaticFiles(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });
        return app;
    }
}
