using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sigma.Portal.Accounts.SignIn;

namespace Sigma.Portal.SingleSignOn.Authorization;

/// <summary>
/// RP-initiated logout. OpenIddict has checked the <c>post_logout_redirect_uri</c> against the application's exact
/// list. The portal session ends at once when the application proves whose session it is (an <c>id_token_hint</c> of
/// that account); otherwise the person confirms first, so a link on another site cannot sign anyone out.
/// </summary>
[AllowAnonymous]
public sealed class EndSessionController(AccountSignIn accounts) : Controller
{
    [HttpGet("~/connect/endsession")]
    public async Task<IActionResult> EndSession(CancellationToken ct)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Only OpenIddict routes here.");
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded)
        {
            return SignOut(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var hint = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var sameAccount = hint.Principal?.GetClaim(OpenIddictConstants.Claims.Subject) is { } subject
            && Guid.TryParse(subject, out var hinted) && hinted == session.Principal!.FindAccountId();
        return sameAccount
            ? await EndAsync(session.Principal!, ct)
            : View("ConfirmSignOut", new ConfirmSignOutViewModel([.. request.GetParameters()
                .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString() ?? ""))]));
    }

    [HttpPost("~/connect/endsession")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Confirm(CancellationToken ct)
    {
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return session.Succeeded ? await EndAsync(session.Principal!, ct) : SignOut(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IActionResult> EndAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken ct)
    {
        await accounts.SignOutAsync(principal, ct);
        // Back to the application's registered page (or OpenIddict's default answer when it named none).
        return SignOut(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
