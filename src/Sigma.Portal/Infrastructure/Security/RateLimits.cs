using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Per-client limits on the endpoints that take credentials (passwords, codes, links), so one client cannot spray
/// guesses across many accounts. Per-account lockout is the other half. Buckets live in each instance's memory.
/// </summary>
public static class RateLimits
{
    /// <summary>Sign-in, password links, one-time codes.</summary>
    public const string Credentials = "credentials";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Credentials, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.CredentialAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientPartition(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>One bucket per IPv4 address, and per /64 for IPv6, where one client easily holds a whole network.</summary>
    internal static string ClientPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

/// <summary>Section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Attempts per client address per minute on credential endpoints; generous because offices share an address.</summary>
    [Range(1, 10_000, ErrorMessage = "RateLimits:CredentialAttemptsPerMinute must be between 1 and 10000.")]
    public int CredentialAttemptsPerMinute { get; set; } = 30;
}
