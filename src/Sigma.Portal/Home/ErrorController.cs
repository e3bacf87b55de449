using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Home;

/// <summary>
/// The friendly error pages, re-executed by the status code and exception handlers for any method. They show the
/// status and a localised text only: no exception, stack trace, path or version.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    [Route("error/{statusCode:int}")]
    public IActionResult Status(int statusCode)
    {
        var status = statusCode is >= 400 and <= 599 ? statusCode : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        return View("Error", new ErrorViewModel(status));
    }
}
