using Sigma.Portal.Data.Audit;

namespace Sigma.Portal.Audit;

/// <summary>
/// Writes security events: what, which account, which administrator (if any), when (UTC), from which address and
/// browser. Events join the caller's unit of work, so they are saved together with the change they describe.
/// </summary>
public sealed class AuditTrail(PortalDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    private const int MaxDetail = 1000;
    private const int MaxUserAgent = 300;

    /// <summary>
    /// Records an event of the current request, or, with <paramref name="origin"/>, of a request answered earlier whose
    /// work runs in the background.
    /// </summary>
    public void Record(AuditEventType type, Guid? userId, string? detail = null, Guid? actorId = null, RequestOrigin? origin = null)
    {
        origin ??= CurrentOrigin();
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredUtc = origin.AtUtc,
            EventType = type.ToString(),
            UserId = userId,
            ActorId = actorId,
            Detail = Truncate(detail, MaxDetail),
            IpAddress = origin.IpAddress,
            UserAgent = origin.UserAgent,
        });
    }

    /// <summary>Now, and the client address and browser of the current request (none outside a request).</summary>
    public RequestOrigin CurrentOrigin()
    {
        var context = http.HttpContext;
        return new RequestOrigin(
            time.GetUtcNow().UtcDateTime,
            context?.Connection.RemoteIpAddress?.ToString(),
            Truncate(context?.Request.Headers.UserAgent.ToString(), MaxUserAgent));
    }

    /// <summary>For events outside a unit of work (a failed sign-in changes nothing else): recorded and saved at once.</summary>
    public async Task RecordNowAsync(AuditEventType type, Guid? userId, string? detail, CancellationToken ct)
    {
        Record(type, userId, detail);
        await db.SaveChangesAsync(ct);
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
