using Microsoft.Net.Http.Headers;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Sets the security headers on every response — pages, static files, redirects, health and error pages — when the
/// response starts, so no handler can forget them and the exception handler's header reset cannot drop them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, FormTargets formTargets)
{
    /// <summary>
    /// Only our own files: no inline script or style, no plug-ins, no framing, forms post only to us (and, through the
    /// sign-in's redirects, to the registered applications: <see cref="FormTargets"/>).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; " +
        "object-src 'none'";

    /// <summary>For <see cref="SandboxedDocumentFeature"/>: an email as its recipient will see it, styles and all, inert.</summary>
    public const string SandboxedDocumentPolicy =
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            Apply(
                context.Response.Headers,
                context.Features.Get<SandboxedDocumentFeature>() is null
                    ? Policy(formTargets.Sources, context.Features.Get<InlineScriptFeature>()?.Sha256)
                    : SandboxedDocumentPolicy);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The policy, with further form targets and one allowed inline script when there are any.</summary>
    public static string Policy(string formTargets, string? inlineScriptSha256)
    {
        var policy = formTargets.Length == 0 ? ContentSecurityPolicy
            : ContentSecurityPolicy.Replace("form-action 'self'", "form-action 'self' " + formTargets, StringComparison.Ordinal);
        return inlineScriptSha256 is null ? policy
            : policy.Replace("script-src 'self'", $"script-src 'self' 'sha256-{inlineScriptSha256}'", StringComparison.Ordinal);
    }

    private static void Apply(IHeaderDictionary headers, string policy)
    {
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Activation and reset links carry a token in the URL: never hand it to another site.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        // Pages carry personal data and one-time material; static files set their own caching before this runs.
        if (!headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }
}
