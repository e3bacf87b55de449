using Microsoft.EntityFrameworkCore.Query;
using Sigma.Portal.Audit;

namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// Counts guesses at an account's passwords and codes and locks it for a while after too many. An attempt is counted
/// before its credential is looked at, by one conditional UPDATE that also checks the limit, so however many guesses
/// arrive at once, on however many instances, at most <see cref="AccountsOptions.MaxFailedAttempts"/> are evaluated
/// before the lockout; a right credential gives its count back. Each further lockout without a successful sign-in in
/// between lasts twice as long, up to <see cref="AccountsOptions.MaxLockoutDuration"/>.
/// </summary>
public sealed class LockoutCounter(
    PortalDbContext db,
    AuditTrail audit,
    SignInMetrics metrics,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<LockoutCounter> logger)
{
    public bool IsLockedOut(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnabled && user.LockoutEnd is { } end && end > time.GetUtcNow();
    }

    /// <summary>
    /// Takes one of the account's attempts before a credential is evaluated. When none is left — the account is locked,
    /// or the last ones are being evaluated by requests in flight — the credential must not be looked at.
    /// </summary>
    public async Task<CredentialAttempt> BeginAsync(PortalUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.LockoutEnabled)
        {
            return new CredentialAttempt(user.Id, Allowed: true, Counted: false, LockedUntil: null);
        }

        var now = time.GetUtcNow();
        var limit = options.Value.MaxFailedAttempts;
        var taken = await db.Users
            .Where(u => u.Id == user.Id && u.LockoutEnabled && (u.LockoutEnd == null || u.LockoutEnd <= now) && u.AccessFailedCount < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
        if (taken == 1)
        {
            return new CredentialAttempt(user.Id, Allowed: true, Counted: true, LockedUntil: null);
        }

        var end = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).FirstOrDefaultAsync(ct);
        AccountsLog.LockedOutAttempt(logger, user.Id);
        return new CredentialAttempt(user.Id, Allowed: false, Counted: false, LockedUntil: end > now ? end : null);
    }

    /// <summary>The credential was right: the attempt was no guess, and its count is given back.</summary>
    public async Task SucceededAsync(CredentialAttempt attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Counted)
        {
            await db.Users.Where(u => u.Id == attempt.UserId && u.AccessFailedCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount - 1), ct);
        }
    }

    /// <summary>The credential was wrong: the attempt stays counted. When it used the last one, returns until when the account is locked.</summary>
    public async Task<DateTimeOffset?> FailedAsync(CredentialAttempt attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var settings = options.Value;
        var state = attempt.Counted
            ? await db.Users.AsNoTracking().Where(u => u.Id == attempt.UserId)
                .Select(u => new { u.AccessFailedCount, u.ConsecutiveLockouts })
                .FirstOrDefaultAsync(ct)
            : null;
        if (state is null || state.AccessFailedCount < settings.MaxFailedAttempts)
        {
            return null;
        }

        var factor = Math.Pow(2, Math.Min(state.ConsecutiveLockouts, 20));
        var duration = TimeSpan.FromTicks((long)Math.Min(settings.LockoutDuration.Ticks * factor, settings.MaxLockoutDuration.Ticks));
        DateTimeOffset? end = time.GetUtcNow() + duration;
        // The lockout and its audit event: together, or neither.
        var locked = await db.InTransactionAsync(
            async transactionCt =>
            {
                var changed = await db.Users.Where(u => u.Id == attempt.UserId && u.AccessFailedCount >= settings.MaxFailedAttempts)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.AccessFailedCount, 0)
                        .SetProperty(u => u.ConsecutiveLockouts, u => u.ConsecutiveLockouts + 1)
                        .SetProperty(u => u.LockoutEnd, end), transactionCt);
                if (changed == 1)
                {
                    audit.Record(AuditEventType.LockedOut, attempt.UserId, duration.ToString());
                    await db.SaveChangesAsync(transactionCt);
                }

                return changed == 1;
            },
            ct);
        if (!locked)
        {
            return null;
        }

        AccountsLog.LockedOut(logger, attempt.UserId, duration);
        metrics.LockedOut();
        return end;
    }

    /// <summary>
    /// After a complete sign-in: the count starts again and the next lockout is short again. Setters for the UPDATE that
    /// records the sign-in, so both happen in one statement.
    /// </summary>
    public static void Reset(UpdateSettersBuilder<PortalUser> user) => user
        .SetProperty(u => u.AccessFailedCount, 0)
        .SetProperty(u => u.ConsecutiveLockouts, 0)
        .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null);
}
