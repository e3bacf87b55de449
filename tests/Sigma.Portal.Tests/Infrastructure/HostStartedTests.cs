using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Sigma.Portal.Infrastructure.Hosting;

namespace Sigma.Portal.Tests.Infrastructure;

public sealed class HostStartedTests
{
    [Fact]
    public async Task WhenStarted_WaitsForTheHostToStart()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);

        var waiting = lifetime.StartedAsync(TestContext.Current.CancellationToken);
        await Task.Yield();
        Assert.False(waiting.IsCompleted);

        lifetime.NotifyStarted();
        Assert.True(await waiting);
    }

    [Fact]
    public async Task WhenStarted_HostStopsFirst_GivesUp()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var stopping = new CancellationTokenSource();

        var waiting = lifetime.StartedAsync(stopping.Token);
        await stopping.CancelAsync();

        Assert.False(await waiting);
    }
}
