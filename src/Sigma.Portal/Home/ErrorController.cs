using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sigma.Portal.Infrastructure.Mvc;

namespace Sigma.Portal.Home;

/// <summary>
/// The friendly error pages, re-executed by the status code and exception handlers for any method. They show the
/// status and a localised text only: no exception, stack trace, path or version. Asked for directly, an error page
/// does not exist (404): "/error/500" answering 500 would read to a scanner as a server failing.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    [Route("error/{statusCode:int}")]
    public IActionResult Status()
    {
        // The status is read from the route, not bound as a parameter: binding would read the re-executed request's
        // form again, and a form that was refused (400, 413) fails again, which left the status 0 and the page a 404.
        var requested = int.TryParse(Convert.ToString(RouteData.Values["statusCode"], CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        // After an exception the handler already chose the status (500, or 503 for a database outage).
        var chosen = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null ? Response.StatusCode
            : HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null ? requested
            : StatusCodes.Status404NotFound;
        var status = chosen is >= 400 and <= 599 ? chosen : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        // A 503 says when to come back; whoever refused the request may have said it already (a busy portal: sooner).
        if (status == StatusCodes.Status503ServiceUnavailable && string.IsNullOrEmpty(Response.Headers.RetryAfter))
        {
            Response.Headers.RetryAfter = DatabaseOutageMiddleware.RetryAfterSeconds;
        }

        return View("Error", new ErrorViewModel(status)
        {
            Busy = HttpContext.Items.ContainsKey(PortalBusyFilter.Marker),
            Reference = status == StatusCodes.Status404NotFound ? null : Activity.Current?.TraceId.ToHexString() ?? HttpContext.TraceIdentifier,
        });
    }
}
