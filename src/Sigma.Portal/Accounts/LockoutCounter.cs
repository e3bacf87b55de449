using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Accounts;

/// <summary>
/// Counts failed passwords and codes per account and locks it for a while after too many. Counting is done with
/// atomic UPDATEs, so parallel guesses cannot race past the limit or trip a concurrency error. Each further lockout
/// without a successful sign-in in between lasts twice as long, up to <see cref="AccountsOptions.MaxLockoutDuration"/>.
/// </summary>
public sealed class LockoutCounter(
    PortalDbContext db,
    AuditTrail audit,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<LockoutCounter> logger)
{
    public bool IsLockedOut(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnabled && user.LockoutEnd is { } end && end > time.GetUtcNow();
    }

    /// <summary>Counts one failure; when it was the failure that locked the account, returns until when.</summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(Guid userId, CancellationToken ct)
    {
        var settings = options.Value;
        await db.Users.Where(u => u.Id == userId && u.LockoutEnabled)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
        var state = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.AccessFailedCount, u.ConsecutiveLockouts })
            .FirstOrDefaultAsync(ct);
        if (state is null || state.AccessFailedCount < settings.MaxFailedAttempts)
        {
            return null;
        }

        var factor = Math.Pow(2, Math.Min(state.ConsecutiveLockouts, 20));
        var duration = TimeSpan.FromTicks((long)Math.Min(settings.LockoutDuration.Ticks * factor, settings.MaxLockoutDuration.Ticks));
        DateTimeOffset? end = time.GetUtcNow() + duration;
        var locked = await db.Users.Where(u => u.Id == userId && u.AccessFailedCount >= settings.MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.ConsecutiveLockouts, u => u.ConsecutiveLockouts + 1)
                .SetProperty(u => u.LockoutEnd, end), ct);
        if (locked == 0)
        {
            return null;
        }

        AccountsLog.LockedOut(logger, userId, duration);
        await audit.RecordNowAsync(AuditEventType.LockedOut, userId, duration.ToString(), ct);
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
