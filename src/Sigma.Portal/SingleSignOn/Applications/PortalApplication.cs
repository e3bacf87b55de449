using System.Text.Json;
using OpenIddict.Abstractions;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// An application as the portal sees it: OpenIddict's client registration plus what the portal adds in its properties
/// (start URL, the line of text, allowed account types, disabled, the version of its logo).
/// </summary>
public sealed record PortalApplication(
    string ClientId,
    string DisplayName,
    string? Description,
    Uri? StartUrl,
    IReadOnlySet<AccountType> AccountTypes,
    bool Disabled,
    Uri? BackChannelLogoutUri = null,
    string? LogoVersion = null)
{
    internal const string StartUrlProperty = "sigma_start_url";
    internal const string DescriptionProperty = "sigma_description";
    internal const string AccountTypesProperty = "sigma_account_types";
    internal const string DisabledProperty = "sigma_disabled";
    internal const string BackChannelLogoutProperty = "sigma_backchannel_logout_uri";
    internal const string LogoProperty = "sigma_logo_version";

    /// <summary>Whether an account of this type may sign in to the application now.</summary>
    public bool IsOpenTo(AccountType accountType) => !Disabled && (AccountTypes.Count == 0 || AccountTypes.Contains(accountType));

    internal static PortalApplication From(string clientId, string? displayName, IReadOnlyDictionary<string, JsonElement> properties) => new(
        clientId,
        displayName ?? clientId,
        Text(properties, DescriptionProperty),
        Text(properties, StartUrlProperty) is { } start && Uri.TryCreate(start, UriKind.Absolute, out var url) ? url : null,
        properties.TryGetValue(AccountTypesProperty, out var types) && types.ValueKind == JsonValueKind.Array
            ? types.EnumerateArray().Select(t => Enum.TryParse<AccountType>(t.GetString(), out var type) ? type : (AccountType?)null)
                .OfType<AccountType>().ToHashSet()
            : [],
        properties.TryGetValue(DisabledProperty, out var disabled) && disabled.ValueKind == JsonValueKind.True,
        Text(properties, BackChannelLogoutProperty) is { } logout && Uri.TryCreate(logout, UriKind.Absolute, out var logoutUri) ? logoutUri : null,
        Text(properties, LogoProperty));

    internal static async Task<PortalApplication> ReadAsync(IOpenIddictApplicationManager manager, object application, CancellationToken ct) => From(
        await manager.GetClientIdAsync(application, ct) ?? "",
        await manager.GetDisplayNameAsync(application, ct),
        await manager.GetPropertiesAsync(application, ct));

    private static string? Text(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
