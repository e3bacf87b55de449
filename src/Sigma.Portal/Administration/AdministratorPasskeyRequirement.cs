using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.TwoFactor;

namespace Sigma.Portal.Administration;

/// <summary>
/// With <see cref="TwoFactorOptions.RequirePasskeyForAdministrators"/> on, the console needs a session signed in with a
/// passkey (<see cref="SignInMethod.ProofOfPossession"/> in its <c>amr</c>): owning one is not enough, since a session
/// from a phished password and code could add one. <see cref="AdministratorPasskeyGate"/> leads an administrator who
/// falls short to the way in.
/// </summary>
public sealed class AdministratorPasskeyRequirement : IAuthorizationRequirement;

internal sealed class AdministratorPasskeyHandler(IOptions<TwoFactorOptions> options) : AuthorizationHandler<AdministratorPasskeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorPasskeyRequirement requirement)
    {
        if (!options.Value.RequirePasskeyForAdministrators || context.User.HasClaim(ClaimTypes.AuthenticationMethod, SignInMethod.ProofOfPossession))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
