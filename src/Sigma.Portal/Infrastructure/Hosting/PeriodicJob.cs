namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>
/// Background work done again and again: first a while after the host has started (so the first requests have the
/// CPU), then every <see cref="Interval"/>, until the host stops. A failed run is reported and the next one comes as
/// usual. Tests run <see cref="RunOnceAsync"/> themselves, one run at a time.
/// </summary>
public abstract class PeriodicJob(TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    // Long enough for the first requests after a start to have the CPU; short enough that instances restarted more often
    // than the interval still do the work.
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    /// <summary>The clock the runs are timed by, for the work to read too.</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    public abstract Task RunOnceAsync(CancellationToken ct);

    protected abstract void Failed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        var wait = FirstRunDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = Interval;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Failed(e);
            }
        }
    }
}
