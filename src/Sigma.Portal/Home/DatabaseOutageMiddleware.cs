using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Home;

/// <summary>
/// The last line for a database outage: when the database cannot be used, even the normal error page may fail (it
/// signs the person in from the database), so this writes a plain "temporarily unavailable" page itself — 503 with
/// Retry-After, in the person's language, with nothing about the failure. The next request tries the database again,
/// so the portal recovers by itself once it is back.
/// </summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next, IStringLocalizer<SharedText> text, PortalCookies cookies, ILogger<DatabaseOutageMiddleware> logger)
{
    /// <summary>When to come back after an outage, in seconds: soon enough for a restarting database, not a retry storm.</summary>
    public const string RetryAfterSeconds = "30";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e) && !context.Response.HasStarted)
        {
            HomeLog.DatabaseUnavailable(logger, e);
            // Whatever the failed page set goes, except transport security, which was set on the way in.
            var transportSecurity = context.Response.Headers.StrictTransportSecurity;
            context.Response.Clear();
            context.Response.Headers.StrictTransportSecurity = transportSecurity;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(context), context.RequestAborted);
        }
    }

    private string Page(HttpContext context)
    {
        var chosen = context.Request.Cookies.TryGetValue(cookies.Language, out var value)
            ? CookieRequestCultureProvider.ParseCookieValue(value)?.UICultures.FirstOrDefault().Value
            : null;
        using var language = CultureScope.For(chosen?[..Math.Min(chosen.Length, 2)]);
        var encoder = HtmlEncoder.Default;
        var code = PortalCultures.Code(System.Globalization.CultureInfo.CurrentUICulture);
        return $"""
            <!DOCTYPE html>
            <html lang="{code}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{encoder.Encode(text["Error.503.Title"])} · Sigma Portal</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><header class="site-header"><div class="container site-header__inner"><span class="brand">Sigma Personeelsdiensten</span></div></header>
            <main id="main" class="container site-main"><div class="panel panel--narrow"><p class="status-code">503</p>
            <h1>{encoder.Encode(text["Error.503.Title"])}</h1><p>{encoder.Encode(text["Error.503.Message"])}</p></div></main></body>
            </html>
            """;
    }
}
