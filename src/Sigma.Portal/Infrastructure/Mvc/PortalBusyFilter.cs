using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// A request refused for lack of capacity (<see cref="PortalBusyException"/>) becomes a 503 with a short Retry-After;
/// the status code pages then draw the friendly "busy" page. Nothing was changed, so trying again is safe.
/// </summary>
internal sealed class PortalBusyFilter : IExceptionFilter
{
    /// <summary>Marks the request for the error page, which tells "busy, try again in a moment" from an outage.</summary>
    public static readonly object Marker = new();

    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not PortalBusyException)
        {
            return;
        }

        context.HttpContext.Items[Marker] = true;
        context.HttpContext.Response.Headers.RetryAfter = "5";
        context.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
        context.ExceptionHandled = true;
    }
}
