namespace Sigma.Portal.Administration.Status;

/// <summary>Who this process is among the instances on the database: made once, as the portal starts.</summary>
public sealed class ThisInstance(TimeProvider time)
{
    /// <summary>A restart is a new instance.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    public DateTime StartedUtc { get; } = time.GetUtcNow().UtcDateTime;
}
