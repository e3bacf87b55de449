using OpenIddict.Abstractions;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>Reads the registered applications: one by client id, and the ones an account sees on "Mijn applicaties".</summary>
public sealed class PortalApplications(IOpenIddictApplicationManager applications)
{
    public async Task<PortalApplication?> FindAsync(string clientId, CancellationToken ct) =>
        await applications.FindByClientIdAsync(clientId, ct) is { } application
            ? await PortalApplication.ReadAsync(applications, application, ct)
            : null;

    /// <summary>The applications with a start page that an account of this type may open, by name.</summary>
    public async Task<List<PortalApplication>> OpenToAsync(AccountType accountType, CancellationToken ct)
    {
        var open = new List<PortalApplication>();
        // A portal has tens of applications, not thousands; the bound keeps a mistake from listing without end.
        await foreach (var application in applications.ListAsync(count: 200, offset: null, ct))
        {
            var read = await PortalApplication.ReadAsync(applications, application, ct);
            if (read.StartUrl is not null && read.IsOpenTo(accountType))
            {
                open.Add(read);
            }
        }

        return [.. open.OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }
}
