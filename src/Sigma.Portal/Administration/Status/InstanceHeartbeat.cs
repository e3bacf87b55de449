using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Data.Administration;

namespace Sigma.Portal.Administration.Status;

/// <summary>
/// This process in <c>PortalInstances</c>: written as the portal starts and every 30 seconds after, with its version,
/// start time and password-hash queue, so the Status page of any instance shows every instance on the database.
/// Instances not heard from for a day are removed.
/// </summary>
public sealed class InstanceHeartbeat(
    IServiceScopeFactory scopes,
    ThisInstance self,
    PasswordWork work,
    TimeProvider time,
    ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Forgotten = TimeSpan.FromDays(1);

    /// <summary>Before the portal takes requests, so its first Status page already lists it; a failure does not stop the start.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReportSafelyAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public async Task ReportAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var (waiting, refused) = (work.Waiting, work.Refused);
        var updated = await db.PortalInstances.Where(i => i.Id == self.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.LastSeenUtc, now)
            .SetProperty(i => i.HashesWaiting, waiting)
            .SetProperty(i => i.HashesRefused, refused), ct);
        if (updated == 0)
        {
            db.PortalInstances.Add(new PortalInstance
            {
                Id = self.Id,
                MachineName = Environment.MachineName,
                Version = PortalVersion.Current,
                StartedUtc = self.StartedUtc,
                LastSeenUtc = now,
                HashesWaiting = waiting,
                HashesRefused = refused,
            });
            await db.SaveChangesAsync(ct);
        }

        await db.PortalInstances.Where(i => i.LastSeenUtc < now - Forgotten).ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The rhythm of the reports is the machine's, not the portal's clock: nothing the portal decides depends on it.
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReportSafelyAsync(CancellationToken ct)
    {
        try
        {
            await ReportAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            AdministrationLog.InstanceReportFailed(logger, e);
        }
    }
}
