using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sigma.Portal.SingleSignOn;

/// <summary>The scopes and claims the portal hands to applications, beyond the standard <c>openid profile email</c>.</summary>
public static class ProviderScopes
{
    /// <summary>The account claims: which of a person's accounts this is, and for which organisation.</summary>
    public const string Account = "sigma_account";

    public const string AccountTypeClaim = "account_type";

    public const string OrganisationClaim = "organisation";

    public static readonly string[] All = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, Account];
}
