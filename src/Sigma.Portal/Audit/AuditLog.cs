namespace Sigma.Portal.Audit;

/// <summary>Log messages of the audit trail; event ids 6000-6999.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(6001, LogLevel.Information, "Pruned {Count} audit events older than {CutoffUtc:u}")]
    public static partial void Pruned(ILogger logger, int count, DateTime cutoffUtc);

    [LoggerMessage(6002, LogLevel.Error, "The audit retention job failed; it tries again at its next run")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(6100, LogLevel.Information, "Audit {EventType} #{AuditId} at {OccurredUtc}: account {UserId}, by {ActorId}, from {IpAddress} ({UserAgent}): {Detail}")]
    public static partial void Event(ILogger logger, string eventType, long auditId, string occurredUtc, Guid? userId, Guid? actorId, string? ipAddress, string? userAgent, string? detail);
}
