using Sigma.Portal.Sessions;

namespace Sigma.Portal.SingleSignOn.Logout;

/// <summary>Runs <see cref="SessionEndJob"/> once the portal serves: when sessions end here, and every poll interval.</summary>
internal sealed class SessionEndJobService(
    SessionEndJob job,
    WakeSignal<SessionsEnded> signal,
    IOptions<SingleSignOnOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SessionEndJobService> logger) : BackgroundService
{
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
                await job.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment; the next cycle tries again.
                SingleSignOnLog.SessionEndFailed(logger, e);
            }

            try
            {
                await signal.WaitAsync(options.Value.LogoutPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
