namespace Sigma.Portal.Infrastructure;

/// <summary>
/// Lets background jobs wait until the portal serves. Hosted services start one after the other and a job's first
/// database queries would otherwise share the CPU with the start-up and the first requests that wait for it.
/// </summary>
public static class HostStarted
{
    /// <summary>Completes once the host has started; throws <see cref="OperationCanceledException"/> if it stops first.</summary>
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
