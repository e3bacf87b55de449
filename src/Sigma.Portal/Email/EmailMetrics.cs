using System.Diagnostics.Metrics;
using Sigma.Portal.Data.Email;

namespace Sigma.Portal.Email;

/// <summary>
/// Meter <c>sigma.portal.email</c>: messages queued (once committed), sent, failed and given up on, by kind (fixed words
/// such as "Invitation", never an address); and, read from the database when collected, how many are still to go and how
/// long the oldest has waited. Every instance reads the same outbox, so take the maximum of those across instances.
/// </summary>
public sealed class EmailMetrics : ICommittedRowsObserver<OutboxMessage>
{
    private readonly Counter<long> _queued;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;

    public EmailMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _scopes = scopes;
        _time = time;
        var meter = meters.Create(PortalMeters.Email);
        _queued = meter.CreateCounter<long>("sigma.portal.email.queued", "{email}", "Emails put in the outbox.");
        _sent = meter.CreateCounter<long>("sigma.portal.email.sent", "{email}", "Emails accepted by the SMTP server.");
        _failed = meter.CreateCounter<long>("sigma.portal.email.failed", "{email}", "Send attempts that failed and will be tried again.");
        _dead = meter.CreateCounter<long>("sigma.portal.email.dead", "{email}", "Emails given up on after the last attempt.");
        meter.CreateObservableGauge("sigma.portal.email.unsent", Unsent, "{email}", "Emails not sent, by state: waiting, retrying, dead.");
        meter.CreateObservableGauge("sigma.portal.email.oldest_unsent.age", OldestAge, "s", "How long the oldest email still to be sent has waited.");
    }

    public void Committed(IReadOnlyList<OutboxMessage> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            _queued.Add(1, Kind(row.Kind));
        }
    }

    public void Sent(string kind) => _sent.Add(1, Kind(kind));

    public void Failed(string kind) => _failed.Add(1, Kind(kind));

    public void Dead(string kind) => _dead.Add(1, Kind(kind));

    private static KeyValuePair<string, object?> Kind(string kind) => new("sigma.kind", kind);

    private IEnumerable<Measurement<int>> Unsent()
    {
        var backlog = Read();
        return
        [
            new(backlog.Waiting, new KeyValuePair<string, object?>("sigma.state", "waiting")),
            new(backlog.Retrying, new KeyValuePair<string, object?>("sigma.state", "retrying")),
            new(backlog.Dead, new KeyValuePair<string, object?>("sigma.state", "dead")),
        ];
    }

    private double OldestAge() =>
        Read().OldestUnsentUtc is { } oldest ? Math.Max(0, (_time.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0;

    // Collection runs on the exporter's own thread (a scrape or the OTLP timer), never on a request's, so a short
    // synchronous query is fine here.
    private OutboxBacklog Read()
    {
        using var scope = _scopes.CreateScope();
        return OutboxBacklog.Query(scope.ServiceProvider.GetRequiredService<PortalDbContext>()).FirstOrDefault() ?? OutboxBacklog.Empty;
    }
}
