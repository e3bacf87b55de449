namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>
/// A command of the portal's executable (<c>dotnet run --project src/Sigma.Portal -- NAME ...</c>), run with the same
/// configuration and database as the web app instead of serving requests.
/// </summary>
public interface IPortalCommand
{
    string Name { get; }

    /// <returns>The process exit code: 0 on success.</returns>
    Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct);
}
