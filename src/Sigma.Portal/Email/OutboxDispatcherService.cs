namespace Sigma.Portal.Email;

/// <summary>Runs the dispatcher in the background once the portal serves: right after new mail is committed, and every poll interval.</summary>
internal sealed class OutboxDispatcherService(
    OutboxDispatcher dispatcher,
    WakeSignal<OutboxDispatcher> signal,
    IOptions<OutboxOptions> options,
    IOptions<SmtpOptions> smtp,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!smtp.Value.Enabled)
        {
            // Development without an SMTP server (Production refuses to start): mail waits in the outbox.
            EmailLog.SmtpDisabled(logger);
            return;
        }

        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // New mail or the poll interval, also before the first cycle: the first requests after a start come
                // first, and mail left from before a restart waits one interval at most.
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                while (await dispatcher.DispatchDueAsync(stoppingToken) > 0)
                {
                    // A full batch may leave more due mail behind: keep going until nothing is due.
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment; the next cycle tries again.
                EmailLog.CycleFailed(logger, e);
            }
        }
    }
}
