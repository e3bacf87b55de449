using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sigma.Portal.Infrastructure.Mvc;

namespace Sigma.Portal.Email;

/// <summary>
/// Development only: the outbox as a mailbox, for running the portal without an SMTP server. Everywhere else this
/// answers 404.
/// </summary>
[AllowAnonymous]
[DevelopmentOnly]
[Route("dev/mailbox")]
public sealed class DevMailboxController(DevMailbox mailbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Mailbox", await mailbox.RecentAsync(ct));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Message(Guid id, CancellationToken ct) =>
        await mailbox.FindAsync(id, ct) is { } message ? View("MailboxMessage", message) : NotFound();
}
