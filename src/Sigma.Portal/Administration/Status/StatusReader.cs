using System.Diagnostics;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Audit;
using Sigma.Portal.Data.Administration;
using Sigma.Portal.Email;

namespace Sigma.Portal.Administration.Status;

/// <summary>
/// Reads the Status page: sign-ins and lockouts from the audit events of every instance, the outbox's backlog, whether
/// the database and the SMTP server answer, and the instances' own reports (this one's hash queue as it is now).
/// </summary>
public sealed class StatusReader(PortalDbContext db, ThisInstance self, PasswordWork work, SmtpCheck smtp, TimeProvider time)
{
    private static readonly TimeSpan Silence = InstanceHeartbeat.Interval * 4;

    private static readonly string[] SignInEvents =
        [nameof(AuditEventType.SignInSucceeded), nameof(AuditEventType.SignInFailed), nameof(AuditEventType.LockedOut)];

    public async Task<StatusViewModel> ReadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var utc = now.UtcDateTime;
        // The SMTP server is asked while the database is read; it may take a few seconds to say nothing.
        var smtpAnswer = smtp.CheckAsync(ct);

        var roundTrip = Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        roundTrip.Stop();

        return new StatusViewModel
        {
            ReadUtc = utc,
            SignIns = await SignInsAsync(utc, ct),
            LockedAccounts = await db.Users.CountAsync(u => u.LockoutEnd != null && u.LockoutEnd > now, ct),
            Email = await OutboxBacklog.Query(db).FirstOrDefaultAsync(ct) ?? OutboxBacklog.Empty,
            DatabaseProvider = db.Database.IsSqlite() ? "SQLite" : "SQL Server",
            DatabaseRoundTrip = roundTrip.Elapsed,
            Smtp = await smtpAnswer,
            Instances = await InstancesAsync(utc, ct),
        };
    }

    private async Task<IReadOnlyList<StatusViewModel.SignInOutcome>> SignInsAsync(DateTime now, CancellationToken ct)
    {
        var dayAgo = now.AddDays(-1);
        var hourAgo = now.AddHours(-1);
        var counted = await db.AuditEvents.AsNoTracking()
            .Where(e => e.OccurredUtc > dayAgo && SignInEvents.Contains(e.EventType))
            .GroupBy(e => new { e.EventType, Reason = e.EventType == nameof(AuditEventType.SignInFailed) ? e.Detail : null })
            .Select(g => new StatusViewModel.SignInOutcome(g.Key.EventType, g.Key.Reason, g.Count(e => e.OccurredUtc > hourAgo), g.Count()))
            .ToListAsync(ct);
        // Succeeded first, then the failures, most frequent first, then the lockouts they caused.
        return [.. counted.OrderBy(o => Array.IndexOf(SignInEvents, o.EventType)).ThenByDescending(o => o.LastDay).ThenBy(o => o.Reason, StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<StatusViewModel.Instance>> InstancesAsync(DateTime now, CancellationToken ct)
    {
        var reports = await db.PortalInstances.AsNoTracking().OrderByDescending(i => i.StartedUtc).ToListAsync(ct);
        var current = reports.Find(i => i.Id == self.Id) ?? new PortalInstance
        {
            Id = self.Id,
            MachineName = Environment.MachineName,
            Version = PortalVersion.Current,
            StartedUtc = self.StartedUtc,
        };
        // This instance's queue as it is now, not as it last reported it.
        current.LastSeenUtc = now;
        current.HashesWaiting = work.Waiting;
        current.HashesRefused = work.Refused;
        return [.. reports.Where(i => i.Id != self.Id).Prepend(current)
            .Select(i => new StatusViewModel.Instance(i, i.Id == self.Id, now - i.LastSeenUtc > Silence))];
    }
}
