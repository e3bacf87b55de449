namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Section <c>ForwardedHeaders</c>: the reverse proxies whose X-Forwarded-For/-Proto headers are believed. With none
/// configured the headers are ignored, so a client cannot claim another address or scheme.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>IP addresses of trusted proxies, e.g. "10.0.0.5".</summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public IReadOnlyList<string> KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
