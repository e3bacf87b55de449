using Sigma.Portal.SingleSignOn.Applications;

namespace Sigma.Portal.Administration.Applications;

/// <summary>
/// The console's application form. Addresses come one per line; whether they are acceptable is
/// <see cref="ApplicationRules"/>' to say, so the console and the command line hold one rule.
/// </summary>
public sealed record ApplicationInput
{
    // Model binding turns an empty field into null: every text is nullable, and read as empty.
    public string? ClientId { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public string? StartUrl { get; init; }

    public string? RedirectUris { get; init; }

    public string? PostLogoutRedirectUris { get; init; }

    public string? BackChannelLogoutUri { get; init; }

    public IReadOnlyList<AccountType> AccountTypes { get; init; } = [];

    public bool Public { get; init; }

    public static ApplicationInput From(ApplicationRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new ApplicationInput
        {
            ClientId = registration.ClientId,
            DisplayName = registration.DisplayName,
            Description = registration.Description,
            StartUrl = registration.StartUrl?.AbsoluteUri,
            RedirectUris = string.Join('\n', registration.RedirectUris.Select(u => u.AbsoluteUri)),
            PostLogoutRedirectUris = string.Join('\n', registration.PostLogoutRedirectUris.Select(u => u.AbsoluteUri)),
            BackChannelLogoutUri = registration.BackChannelLogoutUri?.AbsoluteUri,
            AccountTypes = [.. registration.AccountTypes],
            Public = registration.Public,
        };
    }

    /// <summary>The registration, or null when an address is not an absolute URI at all.</summary>
    public ApplicationRegistration? ToRegistration()
    {
        if (!TryUris(RedirectUris, out var redirects) || !TryUris(PostLogoutRedirectUris, out var postLogout) || !TryUris(StartUrl, out var start)
            || !TryUris(BackChannelLogoutUri, out var backChannelLogout))
        {
            return null;
        }

        return new ApplicationRegistration
        {
            ClientId = (ClientId ?? "").Trim(),
            DisplayName = DisplayName ?? "",
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description,
            StartUrl = start.FirstOrDefault(),
            RedirectUris = redirects,
            PostLogoutRedirectUris = postLogout,
            BackChannelLogoutUri = backChannelLogout.FirstOrDefault(),
            AccountTypes = AccountTypes.ToHashSet(),
            Public = Public,
        };
    }

    private static bool TryUris(string? lines, out List<Uri> uris) => ApplicationRules.TryParseUris((lines ?? "").Split('\n'), out uris);
}
