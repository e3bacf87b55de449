namespace Sigma.Portal.Accounts.Links;

/// <summary>Runs the link request handler in the background once the portal serves: after each answered request, and every poll.</summary>
internal sealed class LinkRequestDispatcherService(
    LinkRequestDispatcher dispatcher,
    WakeSignal<LinkRequestDispatcher> signal,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LinkRequestDispatcherService> logger) : BackgroundService
{
    // Each request wakes the handler of its own instance; the poll finds what was left by a restart or a stopped instance.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                while (await dispatcher.HandleDueAsync(stoppingToken) > 0)
                {
                    // A full batch may leave more behind: keep going until nothing waits.
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment; the requests wait for the next cycle.
                AccountsLog.LinkRequestCycleFailed(logger, e);
            }
        }
    }
}
