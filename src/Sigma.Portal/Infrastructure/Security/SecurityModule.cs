using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace Sigma.Portal.Infrastructure.Security;

internal static class SecurityModule
{
    public static WebApplicationBuilder AddPortalSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var cookies = new PortalCookies(secure: !builder.Environment.IsDevelopment());
        services.AddSingleton(cookies);
        services.AddSingleton<PortalSecretStore>();
        services.AddSingleton<FormTargets>();
        services.AddSingleton<SecretHasher>();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The largest legitimate body is a CSV upload of at most 5 MB.
            kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(RequestLimits.Apply);

        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.Secure = cookies.SecurePolicy;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = cookies.Antiforgery;
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__RequestVerificationToken";
            // The security headers middleware sends DENY (and frame-ancestors 'none') on every response.
            options.SuppressXFrameOptionsHeader = true;
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        services.AddOptionsWithValidateOnStart<ProxyOptions>().BindConfiguration(ProxyOptions.Section);
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // Without an explicit AllowedHosts only the public host name is accepted, so a forged Host is refused.
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<PortalOptions>, IConfiguration>((hosts, portal, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && portal.Value.PublicBaseUrl is { } url)
            {
                hosts.AllowedHosts = [url.IdnHost];
            }
        });

        return builder;
    }

    /// <summary>
    /// The outermost middleware: proxies and security headers, then <paramref name="errorPages"/>, then transport
    /// security, allowed methods and cookie rules. The error pages re-run what follows them, so an error page gets
    /// HSTS like any page and a 405 gets a page too.
    /// </summary>
    public static WebApplication UsePortalSecurity(this WebApplication app, Action<WebApplication> errorPages)
    {
        ArgumentNullException.ThrowIfNull(errorPages);
        // Forwarded headers only when proxies are configured: with empty lists the middleware would trust anyone.
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        errorPages(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<AllowedMethodsMiddleware>();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// Request bodies over <see cref="RequestLimits"/>: 413 or 400 before a page reads them. After authentication and
    /// rate limiting, so a request that is refused anyway is not read first.
    /// </summary>
    public static WebApplication UsePortalRequestLimits(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyMiddleware>();
        return app;
    }
}
