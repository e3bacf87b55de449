using System.Security.Claims;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>The claims and role names the portal puts on a signed-in account, and the one way every feature reads them.</summary>
public static class PortalClaims
{
    public const string AdministratorRole = "Administrator";

    public const string DisplayName = "sigma:display_name";

    public const string AccountType = "sigma:account_type";

    public const string Language = "sigma:language";

    /// <summary>The signed-in person's account id.</summary>
    public static Guid AccountId(this ClaimsPrincipal principal) =>
        principal.FindAccountId() ?? throw new InvalidOperationException("The session has no account id.");

    /// <summary>The account id, or null for someone not signed in (or a ticket without one).</summary>
    public static Guid? FindAccountId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    }
}
