using System.Net;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Data;

public sealed class ConcurrentStartTests
{
    [Fact]
    public async Task TwoInstances_MigratingOneSqliteFileAtOnce_BothComeUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        await using var first = PortalFactory.OnFolder(folder);
        await using var second = PortalFactory.OnFolder(folder);
        await first.InitializeAsync();
        await second.InitializeAsync();

        // Both hosts start (and migrate) in parallel on an empty database file.
        var clients = await Task.WhenAll(Task.Run(first.CreateClient, ct), Task.Run(second.CreateClient, ct));

        foreach (var client in clients)
        {
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await first.DisposeAsync();
        await second.DisposeAsync();
        TestFolder.Delete(folder);
    }
}
