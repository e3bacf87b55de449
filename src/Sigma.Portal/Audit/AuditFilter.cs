namespace Sigma.Portal.Audit;

/// <summary>The audit view's filters: account and actor by email, event type, period (Dutch calendar days) and page.</summary>
public sealed record AuditFilter
{
    public string? Account { get; init; }

    public string? Actor { get; init; }

    public AuditEventType? EventType { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int Page { get; init; } = 1;
}
