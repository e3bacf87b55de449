namespace Sigma.Portal.Audit;

/// <summary>
/// Deletes audit events older than <see cref="AuditOptions.RetentionDays"/>, every <see cref="AuditOptions.PruneInterval"/>.
/// Safe on several instances: one set-based statement.
/// </summary>
public sealed class AuditRetentionJob(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<AuditRetentionJob> logger)
    : PeriodicJob(time, lifetime)
{
    protected override TimeSpan Interval => options.Value.PruneInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var cutoff = Time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        var pruned = await db.AuditEvents.Where(e => e.OccurredUtc < cutoff).ExecuteDeleteAsync(ct);
        AuditLog.Pruned(logger, pruned, cutoff);
    }

    protected override void Failed(Exception exception) => AuditLog.PruneFailed(logger, exception);
}
