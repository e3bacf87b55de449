namespace Sigma.Portal.Sessions;

/// <summary>
/// The names of the applications a session signed in to, for Settings → sessions. Single sign-on knows them and
/// supplies this; sessions only know the client ids their rows hold.
/// </summary>
public interface ISessionApplicationNames
{
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> clientIds, CancellationToken ct);
}
