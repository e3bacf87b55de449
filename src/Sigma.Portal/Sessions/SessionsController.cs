using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Sessions;

/// <summary>Settings → active sessions: where the account is signed in, and "sign out everywhere else".</summary>
[Route("Settings/Sessions")]
public sealed class SessionsController(UserSessions sessions) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("Sessions", await sessions.ActiveAsync(User.AccountId(), User, ct));

    [HttpPost("SignOutOthers")]
    public async Task<IActionResult> SignOutOthers(CancellationToken ct)
    {
        await sessions.RevokeAllAsync(User.AccountId(), ct, keep: UserSessions.CurrentId(User));
        return RedirectToAction(nameof(Index));
    }
}
