using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sigma.Portal.Accounts.SignIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sigma.Portal.SingleSignOn.Authorization;

/// <summary>
/// The OpenID Connect endpoints after OpenIddict has checked the protocol (client, exact redirect URI, PKCE, code,
/// secret): who the person is comes from the portal's own sign-in, what they may use from <see cref="ApplicationSignIn"/>.
/// </summary>
[AllowAnonymous]
public sealed class AuthorizationController(ApplicationSignIn signIn, AccountSignIn accounts, TimeProvider time) : Controller
{
    [HttpGet("~/connect/authorize")]
    [HttpPost("~/connect/authorize")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Authorize(CancellationToken ct)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Only OpenIddict routes here.");
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var decision = await signIn.DecideAsync(request, session.Principal ?? new ClaimsPrincipal(), time.GetUtcNow(), ct);
        switch (decision.Outcome)
        {
            case ApplicationSignIn.Outcome.Issue:
                return SignIn(decision.Principal!, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            case ApplicationSignIn.Outcome.LoginRequired:
                return ProtocolError(Error(Errors.LoginRequired, "The person is not signed in to the portal."));
            case ApplicationSignIn.Outcome.Refused when request.HasPromptValue(PromptValues.None):
                // No page was to be shown: the application hears the refusal, without the reason.
                return ProtocolError(Error(Errors.AccessDenied, "The account may not use this application."));
            case ApplicationSignIn.Outcome.Refused:
                return View("Refused", new RefusedViewModel(decision.Application!, decision.Reason!));
            default:
                if (session.Succeeded && request.HasPromptValue(PromptValues.Login))
                {
                    // A fresh password and code were asked for: this session ends here, the next one begins at the login.
                    await accounts.SignOutAsync(session.Principal!, ct);
                }

                return Challenge(new AuthenticationProperties { RedirectUri = ComeBackWithoutPromptLogin() }, IdentityConstants.ApplicationScheme);
        }
    }

    [HttpPost("~/connect/token")]
    [IgnoreAntiforgeryToken]
    [Produces("application/json")]
    public async Task<IActionResult> Exchange(CancellationToken ct)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Only OpenIddict routes here.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return ProtocolError(Error(Errors.UnsupportedGrantType, "Only the authorization code and refresh token grants."));
        }

        var issued = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = issued.Principal is { } presented ? await signIn.RedeemAsync(presented, request, ct) : null;
        return principal is null
            ? ProtocolError(Error(Errors.InvalidGrant, "The sign-in is no longer valid."))
            : SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private ForbidResult ProtocolError(AuthenticationProperties properties) =>
        Forbid(properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    /// <summary>
    /// The same authorization request, to come back to after signing in; without <c>prompt</c> and <c>max_age</c>, which
    /// the sign-in just satisfied (they would otherwise ask again without end). A POSTed request comes back as a GET.
    /// </summary>
    private string ComeBackWithoutPromptLogin()
    {
        var parameters = Request.HasFormContentType ? Request.Form.ToList() : Request.Query.ToList();
        var kept = parameters.Where(p => p.Key is not (Parameters.Prompt or Parameters.MaxAge))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
        return Request.PathBase + Request.Path + QueryString.Create(kept);
    }
}
