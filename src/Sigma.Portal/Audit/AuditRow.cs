namespace Sigma.Portal.Audit;

public sealed record AuditRow
{
    public required long Id { get; init; }

    public required DateTime OccurredUtc { get; init; }

    public required string EventType { get; init; }

    public Guid? UserId { get; init; }

    public string? UserEmail { get; init; }

    public Guid? ActorId { get; init; }

    public string? ActorEmail { get; init; }

    public string? Detail { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }
}
