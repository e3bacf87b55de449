using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Administration.Mail;

/// <summary>Email that failed: the error of each message and a retry for the ones that gave up.</summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Administrator)]
[Route("Admin/Email")]
public sealed class AdminEmailController(DeadLetters deadLetters) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Email", await deadLetters.ListAsync(ct));

    [HttpPost("{id:guid}/Retry")]
    public async Task<IActionResult> Retry(Guid id, CancellationToken ct)
    {
        await deadLetters.RetryAsync(id, User.AccountId(), ct);
        return RedirectToAction(nameof(Index));
    }
}
