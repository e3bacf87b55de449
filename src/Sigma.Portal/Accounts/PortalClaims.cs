using System.Security.Claims;

namespace Sigma.Portal.Accounts;

/// <summary>The claims and role names the portal puts on a signed-in account.</summary>
public static class PortalClaims
{
    public const string AdministratorRole = "Administrator";

    public const string DisplayName = "sigma:display_name";

    public const string AccountType = "sigma:account_type";

    public const string Language = "sigma:language";

    /// <summary>The signed-in person's account id.</summary>
    public static Guid AccountId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The session has no account id."));
    }
}
