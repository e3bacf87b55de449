using OpenIddict.Abstractions;
using Sigma.Portal.Data.SingleSignOn;
using Sigma.Portal.SingleSignOn.Applications;

namespace Sigma.Portal.SingleSignOn.Logout;

/// <summary>
/// When a portal session ends — signed out, ended from Settings, a password reset, an administrator's two-factor reset,
/// a deactivation, idle or too old — the applications it signed in to learn of it: the tokens of those sign-ins are
/// revoked and each application that registered a back-channel logout URI gets a logout token. Runs when sessions end on
/// this instance and every <see cref="SingleSignOnOptions.LogoutPollInterval"/> for the rest (other instances, expiry).
/// Each row is claimed with a conditional UPDATE, so two instances never handle one; a failed delivery is retried with
/// backoff, as the email outbox does. <see cref="SessionEndJobService"/> runs it.
/// </summary>
public sealed class SessionEndJob(
    IServiceScopeFactory scopes,
    IHttpClientFactory http,
    LogoutTokens tokens,
    IOptions<SingleSignOnOptions> options,
    IOptions<Sessions.SessionOptions> sessions,
    TimeProvider time,
    ILogger<SessionEndJob> logger)
{
    public const string HttpClientName = "BackChannelLogout";

    private const int BatchSize = 50;
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <summary>Handles the sessions that ended and delivers the logouts that are due; tests run it cycle by cycle.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await EndAsync(db, scope.ServiceProvider, ct);
        await DeliverAsync(db, ct);
    }

    private async Task EndAsync(PortalDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var idleSince = now - sessions.Value.IdleTimeout;
        var ended = await db.SessionApplications.AsNoTracking()
            .Where(a => a.EndedUtc == null)
            .Where(a => db.UserSessions.Any(s => s.Id == a.SessionId && (s.RevokedUtc != null || s.ExpiresUtc <= now || s.LastSeenUtc <= idleSince)))
            .OrderBy(a => a.CreatedUtc)
            .Take(BatchSize)
            .ToListAsync(ct);
        var authorizations = services.GetRequiredService<IOpenIddictAuthorizationManager>();
        var issued = services.GetRequiredService<IOpenIddictTokenManager>();
        var applications = services.GetRequiredService<PortalApplications>();
        foreach (var row in ended)
        {
            // One instance handles a row: the one whose UPDATE finds it still open.
            if (await db.SessionApplications.Where(a => a.Id == row.Id && a.EndedUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.EndedUtc, now), ct) == 0)
            {
                continue;
            }

            // Their refresh tokens already fail (every refresh checks the session); revoked, they are also gone for good.
            await issued.RevokeByAuthorizationIdAsync(row.AuthorizationId, ct);
            if (await authorizations.FindByIdAsync(row.AuthorizationId, ct) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, ct);
            }

            if ((await applications.FindAsync(row.ClientId, ct))?.BackChannelLogoutUri is { } logoutUri)
            {
                // One logout per session and application, however often the session signed in to it.
                await db.SessionApplications
                    .Where(a => a.Id == row.Id
                        && !db.SessionApplications.Any(o => o.SessionId == a.SessionId && o.ClientId == a.ClientId && o.LogoutUri != null))
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.LogoutUri, logoutUri.AbsoluteUri).SetProperty(a => a.LogoutNextAttemptUtc, now), ct);
            }

            SingleSignOnLog.SessionEndedForApplication(logger, row.SessionId, row.ClientId);
        }
    }

    private async Task DeliverAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid();
        var due = await Due(db, now).OrderBy(a => a.LogoutNextAttemptUtc).Select(a => a.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return;
        }

        await Due(db, now).Where(a => due.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LogoutClaimToken, claim).SetProperty(a => a.LogoutClaimedUntilUtc, now + ClaimDuration), ct);
        var claimed = await db.SessionApplications.AsNoTracking().Where(a => a.LogoutClaimToken == claim).ToListAsync(ct);
        using var client = http.CreateClient(HttpClientName);
        foreach (var row in claimed)
        {
            var error = await SendAsync(client, row, ct);
            var attempt = row.LogoutAttempts + 1;
            var dead = error is not null && attempt >= options.Value.LogoutMaxAttempts;
            var at = time.GetUtcNow().UtcDateTime;
            await db.SessionApplications.Where(a => a.Id == row.Id && a.LogoutClaimToken == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.LogoutAttempts, attempt)
                    .SetProperty(a => a.LogoutSentUtc, error is null ? at : null)
                    .SetProperty(a => a.LogoutDeadUtc, dead ? at : null)
                    .SetProperty(a => a.LogoutError, error)
                    .SetProperty(a => a.LogoutNextAttemptUtc, at + RetryDelay(attempt))
                    .SetProperty(a => a.LogoutClaimToken, (Guid?)null)
                    .SetProperty(a => a.LogoutClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
            if (error is null)
            {
                SingleSignOnLog.LogoutDelivered(logger, row.ClientId, row.SessionId);
            }
            else
            {
                SingleSignOnLog.LogoutNotDelivered(logger, row.ClientId, row.SessionId, attempt, dead, error);
            }
        }
    }

    /// <summary>Null when the application took the logout (a 2xx answer); otherwise what went wrong, without the token.</summary>
    private async Task<string?> SendAsync(HttpClient client, SessionApplication row, CancellationToken ct)
    {
        try
        {
            using var content = new FormUrlEncodedContent([KeyValuePair.Create("logout_token", tokens.Create(row.ClientId, row.UserId.ToString(), row.Sid))]);
            using var response = await client.PostAsync(new Uri(row.LogoutUri!), content, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return e.GetType().Name + (e is HttpRequestException { HttpRequestError: var kind } ? $" ({kind})" : "");
        }
    }

    private static IQueryable<SessionApplication> Due(PortalDbContext db, DateTime now) =>
        db.SessionApplications.Where(a => a.LogoutUri != null && a.LogoutSentUtc == null && a.LogoutDeadUtc == null
            && a.LogoutNextAttemptUtc <= now && (a.LogoutClaimedUntilUtc == null || a.LogoutClaimedUntilUtc < now));

    /// <summary>30 s, 1 min, 2 min, ... doubling up to an hour, as the email outbox waits by default.</summary>
    private static TimeSpan RetryDelay(int attempt) => Backoff.Doubling(attempt, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
}
