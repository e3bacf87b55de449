using Microsoft.AspNetCore.Diagnostics;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Decides once what a request body that breaks <see cref="RequestLimits"/> gets, before any page reads it: 413 for a
/// body larger than <see cref="RequestLimits.MaxBodyBytes"/> (by its Content-Length, or as Kestrel finds while reading a
/// body without one), 400 for a form that cannot be read (over a field limit, a broken or missing multipart boundary,
/// invalid encoding such as a NUL). Otherwise the first reader, the antiforgery check, would turn each of them into its own
/// 400, and the in-memory test server has no body limit at all. The form read here is kept for the page.
/// </summary>
public sealed class RequestBodyMiddleware(RequestDelegate next, ILogger<RequestBodyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The error page is drawn by running the request again, body and all: it must not be refused a second time.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && await RefusalAsync(context) is { } status)
        {
            SecurityLog.BodyRefused(logger, status);
            context.Response.StatusCode = status;
            return;
        }

        await next(context);
    }

    private static async Task<int?> RefusalAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            return StatusCodes.Status413PayloadTooLarge;
        }

        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            await request.ReadFormAsync(context.RequestAborted);
            return null;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusal, 413 for a body over its limit.
            return e.StatusCode;
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            // Over a form limit, invalid encoding, or a multipart body that ends before its closing boundary.
            return StatusCodes.Status400BadRequest;
        }
    }
}
