using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// Every endpoint the running portal serves, read from its endpoint data sources, with a concrete URL for each, so
/// tests can try them all: a page added tomorrow is covered without touching the tests.
/// </summary>
public static class EndpointCatalog
{
    public sealed record Entry(string Method, string Path, string Pattern, Endpoint Endpoint)
    {
        public bool AllowsAnonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

        public IReadOnlyList<string> Schemes => [.. Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .SelectMany(a => a.AuthenticationSchemes?.Split(',', StringSplitOptions.TrimEntries) ?? [])];

        public IReadOnlyList<string> Roles => [.. Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .SelectMany(a => (a.Roles ?? a.Policy)?.Split(',', StringSplitOptions.TrimEntries) ?? [])];

        public override string ToString() => $"{Method} {Pattern}";
    }

    public static IReadOnlyList<Entry> All(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var entries = new List<Entry>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (pattern.Contains("{*", StringComparison.Ordinal))
            {
                continue; // the 404 fallback
            }

            // Without declared methods an endpoint answers every method AllowedMethodsMiddleware lets through.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared
                ? declared
                : ["GET", "HEAD", "POST"];
            foreach (var method in methods)
            {
                entries.Add(new Entry(method, SamplePath(endpoint.RoutePattern), pattern, endpoint));
            }
        }

        return entries;
    }

    private static string SamplePath(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    private static string SampleValue(Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(',', parameter.ParameterPolicies.Select(p => p.Content));
        return constraints switch
        {
            var c when c.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            var c when c.Contains("int", StringComparison.Ordinal) => "404",
            _ => "sample",
        };
    }
}
