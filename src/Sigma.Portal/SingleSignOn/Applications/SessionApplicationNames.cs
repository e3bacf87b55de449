using Sigma.Portal.Sessions;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>Answers Settings → sessions with the names applications are registered under.</summary>
public sealed class SessionApplicationNames(PortalApplications applications) : ISessionApplicationNames
{
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> clientIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clientIds);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clientId in clientIds)
        {
            if (await applications.FindAsync(clientId, ct) is { } application)
            {
                names[clientId] = application.DisplayName;
            }
        }

        return names;
    }
}
