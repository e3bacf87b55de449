using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Audit;

/// <summary>Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Events older than this are deleted by the retention job.</summary>
    [Range(30, 3650, ErrorMessage = "Audit:RetentionDays must be between 30 and 3650.")]
    public int RetentionDays { get; set; } = 400;

    /// <summary>How often the retention job runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Audit:PruneInterval must be between 1 minute and 7 days.")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Also writes each committed audit event to the log (category <c>Sigma.Portal.Audit.AuditToLog</c>, event id
    /// 6100) as one structured entry with the table's fields, for a SIEM that reads the log stream. Off by default: the
    /// entries carry addresses and browsers, so the log must be kept as carefully as the audit table.
    /// </summary>
    public bool WriteToLog { get; set; }
}
