using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Sigma.Portal.Data.Sessions;

namespace Sigma.Portal.Sessions;

/// <summary>
/// Keeps sign-in tickets in the database (shared by every instance); the cookie holds only the session id. A session
/// is valid while it is not revoked, not idle longer than <see cref="SessionOptions.IdleTimeout"/> and younger than
/// <see cref="SessionOptions.AbsoluteLifetime"/>, checked on every request. A session row only ever holds tickets of the
/// account it was created for: renewing or reading it with another account's ticket does nothing.
/// </summary>
public sealed class DatabaseTicketStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    IHttpContextAccessor http,
    IOptions<SessionOptions> options,
    WakeSignal<SessionsEnded> ended,
    TimeProvider time) : ITicketStore
{
    public const string Purpose = "Sigma.Portal.Sessions.Ticket";

    /// <summary>"Last seen" is written at most this often, so a busy session does not write on every request.</summary>
    internal static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    // Compiled once: every signed-in request reads its session (docs/performance.md).
    private static readonly Func<PortalDbContext, Guid, DateTime, DateTime, CancellationToken, Task<StoredTicket?>> ValidSession =
        EF.CompileAsyncQuery((PortalDbContext db, Guid id, DateTime now, DateTime idleSince, CancellationToken ct) =>
            db.UserSessions.AsNoTracking()
                .Where(s => s.Id == id && s.RevokedUtc == null && s.ExpiresUtc > now && s.LastSeenUtc > idleSince)
                .Select(s => new StoredTicket(s.UserId, s.ProtectedTicket, s.LastSeenUtc))
                .FirstOrDefault());

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = time.GetUtcNow().UtcDateTime;
        var userId = AccountOf(ticket) ?? throw new InvalidOperationException("A sign-in ticket names its account.");
        var request = http.HttpContext?.Request;
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            ProtectedTicket = Protect(ticket),
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = now + options.Value.AbsoluteLifetime,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = request?.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null,
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id.ToString("N");
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!Guid.TryParseExact(key, "N", out var id) || AccountOf(ticket) is not { } userId)
        {
            return;
        }

        var ticketText = Protect(ticket);
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().UserSessions
            .Where(s => s.Id == id && s.UserId == userId && s.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProtectedTicket, ticketText).SetProperty(x => x.LastSeenUtc, now));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!Guid.TryParseExact(key, "N", out var id))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var idleSince = now - options.Value.IdleTimeout;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var session = await ValidSession(db, id, now, idleSince, CancellationToken.None);
        if (session is null)
        {
            return null;
        }

        if (now - session.LastSeenUtc > LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now));
        }

        var ticket = Unprotect(session.ProtectedTicket);
        if (ticket is null || AccountOf(ticket) != session.UserId)
        {
            return null;
        }

        // The cookie handler drops its own session-id claim when it swaps in the stored ticket; keep ours, so pages
        // can tell which session is this one ("sign out everywhere else").
        if (ticket.Principal.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == UserSessions.SessionClaim))
        {
            identity.AddClaim(new System.Security.Claims.Claim(UserSessions.SessionClaim, key));
        }

        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        if (!Guid.TryParseExact(key, "N", out var id))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().UserSessions
            .Where(s => s.Id == id && s.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedUtc, now));
        ended.Notify();
    }

    private static Guid? AccountOf(AuthenticationTicket ticket) => ticket.Principal.FindAccountId();

    private string Protect(AuthenticationTicket ticket) => Convert.ToBase64String(_protector.Protect(TicketSerializer.Default.Serialize(ticket)));

    private AuthenticationTicket? Unprotect(string protectedTicket)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(Convert.FromBase64String(protectedTicket)));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private sealed record StoredTicket(Guid UserId, string ProtectedTicket, DateTime LastSeenUtc);
}
