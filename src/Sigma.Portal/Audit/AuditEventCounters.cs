using System.Diagnostics;
using System.Diagnostics.Metrics;
using Sigma.Portal.Data.Audit;

namespace Sigma.Portal.Audit;

/// <summary>
/// A feature's counters fed by its committed audit events: each event type chosen is counted once when it is committed,
/// never for a change that rolled back, and with no more than the fixed tags given here (never the event's detail).
/// </summary>
public abstract class AuditEventCounters : ICommittedRowsObserver<AuditEvent>
{
    private readonly Dictionary<string, (Counter<long> Counter, TagList Tags)> _counted = new(StringComparer.Ordinal);

    public void Committed(IReadOnlyList<AuditEvent> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (_counted.TryGetValue(row.EventType, out var counted))
            {
                counted.Counter.Add(1, counted.Tags);
            }
        }
    }

    protected void Count(AuditEventType type, Counter<long> counter, params KeyValuePair<string, object?>[] tags) =>
        _counted[type.ToString()] = (counter, new TagList(tags));
}
