using System.Security.Claims;
using Sigma.Portal.Accounts.SignIn;

namespace Sigma.Portal.TwoFactor;

/// <summary>
/// Whether two-factor is mandatory yet (<see cref="TwoFactorOptions.RequiredFrom"/>) and whether a signed-in session
/// satisfies it: full sessions carry the authentication method in the <c>amr</c> claim, "mfa" after a second factor
/// (<see cref="SignInMethod"/>).
/// </summary>
public sealed class TwoFactorPolicy(IOptions<TwoFactorOptions> options, TimeProvider time)
{
    public bool Required => time.GetUtcNow() >= options.Value.RequiredFrom;

    public bool IsSatisfiedBy(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return !Required || principal.HasClaim(ClaimTypes.AuthenticationMethod, SignInMethod.MultiFactor);
    }
}
