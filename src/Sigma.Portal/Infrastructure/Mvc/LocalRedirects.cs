using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// The one way a controller follows a return URL: only local paths are followed; anything else (absolute,
/// protocol-relative, backslash tricks) goes to the home page instead of throwing as <c>LocalRedirect</c> would.
/// </summary>
public static class LocalRedirects
{
    public static IActionResult RedirectToLocal(this Controller controller, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(controller);
        return controller.Url.IsLocalUrl(returnUrl) ? controller.LocalRedirect(returnUrl) : controller.LocalRedirect("~/");
    }
}
