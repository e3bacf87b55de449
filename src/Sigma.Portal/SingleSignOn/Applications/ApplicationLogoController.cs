using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// The logo on an application's tile, for signed-in people (the fallback policy). Served as the type its first bytes
/// showed at upload, with the portal's <c>nosniff</c> and content policy, so a browser shows it and never runs it.
/// </summary>
public sealed class ApplicationLogoController(ApplicationLogos logos) : Controller
{
    [HttpGet("/applications/{clientId}/logo")]
    public async Task<IActionResult> Logo(string clientId, CancellationToken ct)
    {
        if (await logos.FindAsync(clientId, ct) is not { } logo)
        {
            return NotFound();
        }

        // The tile's address carries the logo's version, so a changed logo is a new address: a day in the cache is safe.
        Response.Headers.CacheControl = "private, max-age=86400";
        return File(logo.Content, logo.ContentType);
    }
}
