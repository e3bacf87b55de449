using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Sigma.Portal.Accounts;

/// <summary>
/// Adds the account's type, name and language to the sign-in cookie. The account type is the source of truth for the
/// Administrator role, so there is no separate role table to drift from it.
/// </summary>
public sealed class PortalClaimsPrincipalFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(PortalClaims.AccountType, user.AccountType.ToString()));
        identity.AddClaim(new Claim(PortalClaims.Language, user.PreferredLanguage));
        if (user.AccountType == AccountType.Administrator)
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, PortalClaims.AdministratorRole));
        }

        return identity;
    }
}
