using OpenIddict.Abstractions;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>Reads the registered applications: one by client id, and the ones an account sees on "Mijn applicaties".</summary>
public sealed class PortalApplications(IOpenIddictApplicationManager applications)
{
    public async Task<PortalApplication?> FindAsync(string clientId, CancellationToken ct) =>
        // OpenIddict refuses to look up an empty id; no application has one.
        !string.IsNullOrEmpty(clientId) && await applications.FindByClientIdAsync(clientId, ct) is { } application
            ? await PortalApplication.ReadAsync(applications, application, ct)
            : null;

    /// <summary>Every registered application, enabled or not, by name: the console's list.</summary>
    public async Task<List<PortalApplication>> AllAsync(CancellationToken ct)
    {
        var all = new List<PortalApplication>();
        await foreach (var application in applications.ListAsync(count: 200, offset: null, ct))
        {
            all.Add(await PortalApplication.ReadAsync(applications, application, ct));
        }

        return [.. all.OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>What is registered for the application, as the console's form shows it; null when there is none.</summary>
    public async Task<ApplicationRegistration?> RegistrationAsync(string clientId, CancellationToken ct)
    {
        if (await applications.FindByClientIdAsync(clientId, ct) is not { } application)
        {
            return null;
        }

        var read = await PortalApplication.ReadAsync(applications, application, ct);
        return new ApplicationRegistration
        {
            ClientId = read.ClientId,
            DisplayName = read.DisplayName,
            Description = read.Description,
            StartUrl = read.StartUrl,
            RedirectUris = [.. (await applications.GetRedirectUrisAsync(application, ct)).Select(u => new Uri(u))],
            PostLogoutRedirectUris = [.. (await applications.GetPostLogoutRedirectUrisAsync(application, ct)).Select(u => new Uri(u))],
            BackChannelLogoutUri = read.BackChannelLogoutUri,
            AccountTypes = read.AccountTypes,
            Public = await applications.HasClientTypeAsync(application, OpenIddict.Abstractions.OpenIddictConstants.ClientTypes.Public, ct),
        };
    }

    /// <summary>The applications with a start page that an account of this type may open, by name.</summary>
    public async Task<List<PortalApplication>> OpenToAsync(AccountType accountType, CancellationToken ct) =>
        [.. (await AllAsync(ct)).Where(a => a.StartUrl is not null && a.IsOpenTo(accountType))];
}
