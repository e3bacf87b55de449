using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Audit;

/// <summary>Reads the audit trail with filters and paging, in the database (indexed on account, actor, type and time).</summary>
public sealed class AuditSearch(PortalDbContext db, UserManager<PortalUser> users, DisplayTexts display)
{
    public const int PageSize = 50;

    public const int MaxExportRows = 100_000;

    public async Task<AuditPage> PageAsync(AuditFilter query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var events = await FilterAsync(query, ct);
        var total = await events.CountAsync(ct);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await Project(events.OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new AuditPage(rows, page, PageSize, total);
    }

    /// <summary>The events of one account, newest first: the account detail and the person's own "was this you?" list.</summary>
    public Task<List<AuditRow>> RecentForAsync(Guid userId, int count, CancellationToken ct) =>
        Project(db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId)
            .OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id).Take(count)).ToListAsync(ct);

    public async IAsyncEnumerable<AuditRow> ExportAsync(AuditFilter query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var events = await FilterAsync(query, ct);
        await foreach (var row in Project(events.OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id).Take(MaxExportRows)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    private async Task<IQueryable<Data.Audit.AuditEvent>> FilterAsync(AuditFilter query, CancellationToken ct)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Account))
        {
            var ids = await IdsOfAsync(query.Account, ct);
            events = events.Where(e => e.UserId != null && ids.Contains(e.UserId.Value));
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var ids = await IdsOfAsync(query.Actor, ct);
            events = events.Where(e => e.ActorId != null && ids.Contains(e.ActorId.Value));
        }

        if (query.EventType is { } type)
        {
            var name = type.ToString();
            events = events.Where(e => e.EventType == name);
        }

        if (query.From is { } from)
        {
            var start = display.StartOfDayUtc(from);
            events = events.Where(e => e.OccurredUtc >= start);
        }

        if (query.To is { } to)
        {
            var end = display.StartOfDayUtc(to.AddDays(1));
            events = events.Where(e => e.OccurredUtc < end);
        }

        return events;
    }

    private Task<List<Guid>> IdsOfAsync(string email, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).ToListAsync(ct);
    }

    private IQueryable<AuditRow> Project(IQueryable<Data.Audit.AuditEvent> events) =>
        from e in events
        join u in db.Users on e.UserId equals u.Id into accounts
        from account in accounts.DefaultIfEmpty()
        join a in db.Users on e.ActorId equals a.Id into actors
        from actor in actors.DefaultIfEmpty()
        select new AuditRow
        {
            Id = e.Id,
            OccurredUtc = e.OccurredUtc,
            EventType = e.EventType,
            UserId = e.UserId,
            UserEmail = account == null ? null : account.Email,
            ActorId = e.ActorId,
            ActorEmail = actor == null ? null : actor.Email,
            Detail = e.Detail,
            IpAddress = e.IpAddress,
            UserAgent = e.UserAgent,
        };
}
