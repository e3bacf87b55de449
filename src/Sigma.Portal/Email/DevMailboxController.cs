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

    /// <summary>The HTML part on its own, as the recipient will see it, under a policy that lets nothing in it run.</summary>
    [HttpGet("{id:guid}/html")]
    public async Task<IActionResult> Html(Guid id, CancellationToken ct)
    {
        if (await mailbox.FindAsync(id, ct) is not { HtmlBody.Length: > 0 } message)
        {
            return NotFound();
        }

        HttpContext.Features.Set(new SandboxedDocumentFeature());
        return Content(EmailLogo.WithPictureInline(message.HtmlBody), "text/html; charset=utf-8");
    }
}
