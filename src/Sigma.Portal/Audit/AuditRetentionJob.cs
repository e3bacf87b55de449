namespace Sigma.Portal.Audit;

/// <summary>
/// Deletes audit events older than <see cref="AuditOptions.RetentionDays"/>, and records each access pass that expired
/// unused, once. Safe on several instances: both steps are single set-based statements.
/// </summary>
public sealed class AuditRetentionJob(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<AuditRetentionJob> logger)
    : BackgroundService
{
    // Long enough for the first requests after a start to have the CPU; short enough that instances restarted more often
    // than Audit:PruneInterval still prune.
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow().UtcDateTime;

        var expired = await db.AccessPasses
            .Where(p => p.UsedUtc == null && p.ExpiryRecordedUtc == null && p.ExpiresUtc <= now)
            .Select(p => new { p.Id, p.UserId })
            .ToListAsync(ct);
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        // Each pass marked and its event recorded together: never one without the other.
        await db.InTransactionAsync(
            async transactionCt =>
            {
                foreach (var pass in expired)
                {
                    var marked = await db.AccessPasses.Where(p => p.Id == pass.Id && p.ExpiryRecordedUtc == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiryRecordedUtc, now), transactionCt);
                    if (marked == 1)
                    {
                        audit.Record(AuditEventType.AccessPassExpired, pass.UserId);
                    }
                }

                return await db.SaveChangesAsync(transactionCt);
            },
            ct);

        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var pruned = await db.AuditEvents.Where(e => e.OccurredUtc < cutoff).ExecuteDeleteAsync(ct);
        AuditLog.Pruned(logger, pruned, cutoff);
    }

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
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = options.Value.PruneInterval;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                AuditLog.PruneFailed(logger, e);
            }
        }
    }
}
