using Sigma.Portal.Audit;

namespace Sigma.Portal.TwoFactor.LostPhone;

/// <summary>
/// Records each access pass that expired unused, once, in the audit trail, so the administrator sees that the person
/// never came back with it. Every hour; safe on several instances: a pass is marked by one conditional UPDATE, in the
/// transaction that records its event.
/// </summary>
public sealed class AccessPassExpiryJob(IServiceScopeFactory scopes, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<AccessPassExpiryJob> logger)
    : PeriodicJob(time, lifetime)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = Time.GetUtcNow().UtcDateTime;
        var expired = await db.AccessPasses
            .Where(p => p.UsedUtc == null && p.ExpiryRecordedUtc == null && p.ExpiresUtc <= now)
            .Select(p => new { p.Id, p.UserId })
            .ToListAsync(ct);
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
    }

    protected override void Failed(Exception exception) => TwoFactorLog.AccessPassExpiryFailed(logger, exception);
}
