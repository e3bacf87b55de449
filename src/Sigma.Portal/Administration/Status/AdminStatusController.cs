using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Administration.Status;

/// <summary>The Status page: what an operator would otherwise search the logs and the database for.</summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Administrator)]
[Route("Admin/Status")]
public sealed class AdminStatusController(StatusReader status) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Status", await status.ReadAsync(ct));
}
