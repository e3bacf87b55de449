namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>
/// Lets background jobs wait until the portal serves. Hosted services start one after the other and a job's first
/// database queries would otherwise share the CPU with the start-up and the first requests that wait for it.
/// </summary>
public static class HostStarted
{
    /// <summary>True once the host has started; false if it stops first.</summary>
    public static async Task<bool> StartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult(true));
        await using var onStopping = stoppingToken.Register(() => started.TrySetResult(false));
        return await started.Task;
    }
}
