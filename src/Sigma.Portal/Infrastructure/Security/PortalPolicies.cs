namespace Sigma.Portal.Infrastructure.Security;

/// <summary>The names of the portal's authorization policies, for every feature that asks; each is defined by its feature.</summary>
public static class PortalPolicies
{
    /// <summary>Administrators in a session completed with a second factor (defined by the administration feature).</summary>
    public const string Administrator = "Administrator";
}
