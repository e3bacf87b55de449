using System.Security.Claims;
using Sigma.Portal.Data.Sessions;

namespace Sigma.Portal.Sessions;

/// <summary>A person's signed-in sessions: listing them under Settings, and ending them.</summary>
public sealed class UserSessions(
    PortalDbContext db,
    IOptions<SessionOptions> options,
    WakeSignal<SessionsEnded> ended,
    ISessionApplicationNames applicationNames,
    TimeProvider time)
{
    /// <summary>The claim that names the server-side session of the current request.</summary>
    public const string SessionClaim = "sigma:session";

    public sealed record Item(Guid Id, DateTime CreatedUtc, DateTime LastSeenUtc, string? IpAddress, string? UserAgent, bool Current)
    {
        /// <summary>The applications this session signed in to, by name.</summary>
        public IReadOnlyList<string> Applications { get; init; } = [];
    }

    public async Task<List<Item>> ActiveAsync(Guid userId, ClaimsPrincipal current, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var currentId = CurrentId(current);
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedUtc == null && s.ExpiresUtc > now)
            .OrderByDescending(s => s.LastSeenUtc)
            .Take(50)
            .Select(s => new Item(s.Id, s.CreatedUtc, s.LastSeenUtc, s.IpAddress, s.UserAgent, s.Id == currentId))
            .ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var signIns = await db.SessionApplications.AsNoTracking()
            .Where(a => ids.Contains(a.SessionId))
            .Select(a => new { a.SessionId, a.ClientId })
            .Distinct()
            .ToListAsync(ct);
        if (signIns.Count == 0)
        {
            return sessions;
        }

        var names = await applicationNames.NamesAsync([.. signIns.Select(a => a.ClientId).Distinct()], ct);
        return [.. sessions.Select(s => s with
        {
            Applications = [.. signIns.Where(a => a.SessionId == s.Id).Select(a => names.GetValueOrDefault(a.ClientId, a.ClientId)).Order(StringComparer.CurrentCulture)],
        })];
    }

    /// <summary>
    /// Ends every session of the account, except <paramref name="keep"/> ("sign out everywhere else"). Inside a
    /// transaction the end is seen by others only at its commit: they find it at their next poll instead.
    /// </summary>
    public async Task<int> RevokeAllAsync(Guid userId, CancellationToken ct, Guid? keep = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedUtc == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedUtc, now), ct);
        if (revoked > 0 && db.Database.CurrentTransaction is null)
        {
            ended.Notify();
        }

        return revoked;
    }

    /// <summary>
    /// When the session began, while it is still valid by the same rule as its cookie (not ended, not idle, not too old);
    /// null otherwise. An application using the session (a token refresh) counts as activity, as a page would.
    /// </summary>
    public async Task<DateTime?> BeganAsync(Guid sessionId, Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var active = Valid(now).Where(s => s.Id == sessionId && s.UserId == userId);
        var session = await active.Select(s => new { s.CreatedUtc, s.LastSeenUtc }).FirstOrDefaultAsync(ct);
        if (session is not null && now - session.LastSeenUtc > DatabaseTicketStore.LastSeenResolution)
        {
            await active.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now), ct);
        }

        return session?.CreatedUtc;
    }

    /// <summary>How many sessions of all accounts are valid now (for the sessions gauge).</summary>
    public int CountActive() => Valid(time.GetUtcNow().UtcDateTime).Count();

    /// <summary>Valid by the same rule as a session's cookie: not ended, not idle, not too old.</summary>
    private IQueryable<UserSession> Valid(DateTime now)
    {
        var idleSince = now - options.Value.IdleTimeout;
        return db.UserSessions.Where(s => s.RevokedUtc == null && s.ExpiresUtc > now && s.LastSeenUtc > idleSince);
    }

    public static Guid? CurrentId(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParseExact(principal.FindFirstValue(SessionClaim), "N", out var id) ? id : null;
    }
}
