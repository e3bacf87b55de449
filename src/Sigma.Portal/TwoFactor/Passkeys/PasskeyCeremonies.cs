using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>
/// The state of each passkey ceremony, held on the server: Identity would hand it to the browser in a cookie, where an
/// answer could be posted again with it. Here an answer takes its ceremony away, so a challenge is answered once, only
/// by the account it was made for, and not after the browser's own time for it has passed.
/// </summary>
public sealed class PasskeyCeremonies(PortalDbContext db, IOptions<IdentityPasskeyOptions> passkeys, TimeProvider time)
{
    public async Task<Guid> BeginAsync(string purpose, Guid? userId, string state, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Unanswered ceremonies are dropped here rather than by a job: each new one clears what has expired.
        await db.PasskeyCeremonies.Where(c => c.ExpiresUtc < now).ExecuteDeleteAsync(ct);
        var ceremony = new PasskeyCeremony
        {
            Id = Guid.NewGuid(),
            Purpose = purpose,
            UserId = userId,
            State = state,
            ExpiresUtc = now + passkeys.Value.AuthenticatorTimeout,
        };
        db.PasskeyCeremonies.Add(ceremony);
        await db.SaveChangesAsync(ct);
        return ceremony.Id;
    }

    /// <summary>The state of a live ceremony of this purpose and account, removed as it is read; null for any other.</summary>
    public async Task<string?> TakeAsync(Guid id, string purpose, Guid? userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var state = await db.PasskeyCeremonies.AsNoTracking()
            .Where(c => c.Id == id && c.Purpose == purpose && c.UserId == userId && c.ExpiresUtc >= now)
            .Select(c => c.State)
            .SingleOrDefaultAsync(ct);
        // Two answers at once both read the row; only the one whose delete removed it goes on.
        return state is not null && await db.PasskeyCeremonies.Where(c => c.Id == id).ExecuteDeleteAsync(ct) == 1 ? state : null;
    }
}
