using System.Globalization;
using Sigma.Portal.Data.Audit;

namespace Sigma.Portal.Audit;

/// <summary>
/// With <see cref="AuditOptions.WriteToLog"/>, each committed audit event also goes to the log as one structured entry,
/// the same fields as the audit table, so a SIEM reading the log stream gets them. Only committed events: a change
/// that rolled back left no event in the table, and leaves none in the log. The time is ISO 8601 UTC, as a SIEM parses it.
/// </summary>
public sealed class AuditToLog(IOptionsMonitor<AuditOptions> options, ILogger<AuditToLog> logger) : ICommittedRowsObserver<AuditEvent>
{
    public void Committed(IReadOnlyList<AuditEvent> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!options.CurrentValue.WriteToLog)
        {
            return;
        }

        foreach (var row in rows)
        {
            AuditLog.Event(logger, row.EventType, row.Id, row.OccurredUtc.ToString("O", CultureInfo.InvariantCulture), row.UserId, row.ActorId, row.IpAddress, row.UserAgent, row.Detail);
        }
    }
}
