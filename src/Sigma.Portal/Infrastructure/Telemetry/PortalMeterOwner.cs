using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sigma.Portal.Infrastructure.Telemetry;

/// <summary>
/// A singleton that creates portal instruments. With telemetry on, each is created as the portal starts, so gauges
/// are there at the first collection and counters show 0 rather than nothing before their first event.
/// </summary>
public sealed record PortalMeterOwner(Type Type);

internal static class PortalMeterOwnerRegistration
{
    public static IServiceCollection AddPortalMeter<T>(this IServiceCollection services)
        where T : class
    {
        services.TryAddSingleton<T>();
        services.AddSingleton(new PortalMeterOwner(typeof(T)));
        return services;
    }
}
