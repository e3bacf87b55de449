namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>What an administrator says about an application, from the console or the <c>register-app</c> command.</summary>
public sealed record ApplicationRegistration
{
    public required string ClientId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>One line under the name on the tile of "Mijn applicaties".</summary>
    public string? Description { get; init; }

    /// <summary>Where the tile leads; without it the application has no tile (it is only reached from elsewhere).</summary>
    public Uri? StartUrl { get; init; }

    /// <summary>Exact redirect URIs: the code goes only to one of these, compared as whole strings.</summary>
    public IReadOnlyList<Uri> RedirectUris { get; init; } = [];

    public IReadOnlyList<Uri> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>Where the portal posts an OpenID Connect Back-Channel Logout token when a session with this application ends.</summary>
    public Uri? BackChannelLogoutUri { get; init; }

    /// <summary>The account types that may use it; empty means every type.</summary>
    public IReadOnlySet<AccountType> AccountTypes { get; init; } = new HashSet<AccountType>();

    /// <summary>A public client (a browser or mobile app) has no secret; PKCE is its only proof, as it is everyone's.</summary>
    public bool Public { get; init; }
}
