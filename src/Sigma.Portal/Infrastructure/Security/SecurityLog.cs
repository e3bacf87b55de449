namespace Sigma.Portal.Infrastructure.Security;

/// <summary>Log messages of the request-level protections; event ids 9200-9299. Never a header, field or body value.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(9201, LogLevel.Debug, "Request body refused with {StatusCode} before any page read it")]
    public static partial void BodyRefused(ILogger logger, int statusCode);
}
