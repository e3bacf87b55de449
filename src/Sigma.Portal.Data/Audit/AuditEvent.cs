namespace Sigma.Portal.Data.Audit;

/// <summary>One security event: what happened, to which account, done by whom, from where.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime OccurredUtc { get; set; }

    /// <summary>An <c>AuditEventType</c> name, stored as text so the table reads on its own.</summary>
    public string EventType { get; set; } = "";

    /// <summary>The account the event is about; null when no account was found (an unknown email at sign-in).</summary>
    public Guid? UserId { get; set; }

    /// <summary>The administrator who acted; null when the account holder (or nobody signed in) did.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>Free text: the administrator's reason, a failure reason, what changed. Never a secret.</summary>
    public string? Detail { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
