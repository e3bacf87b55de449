using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>
/// Once two-factor is required, a session without a second factor ("amr" = "mfa") is no session: the sign-in cookie is
/// rejected on the next request, so a session started with a password alone before the deadline ends after it.
/// Every page behind the sign-in cookie is covered, since the check runs where the cookie is read.
/// </summary>
internal sealed class TwoFactorGate(TwoFactorPolicy policy) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name != IdentityConstants.ApplicationScheme)
        {
            return;
        }

        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            if (context.Principal is { } principal && !policy.IsSatisfiedBy(principal))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        };
    }
}
