using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor.LostPhone;

/// <summary>
/// One-time access passes after a two-factor reset: twelve characters (60 bits) read out by phone, stored as a keyed
/// hash, valid for <see cref="TwoFactorOptions.AccessPassLifetime"/>, used at most once — by one conditional UPDATE.
/// </summary>
public sealed class AccessPasses(PortalDbContext db, SecretHasher hasher, IOptions<TwoFactorOptions> options, TimeProvider time)
{
    private const int Length = 12;

    /// <summary>Adds a new pass to the unit of work (earlier unused passes die) and returns it formatted, to show once.</summary>
    public async Task<string> IssueAsync(Guid userId, Guid administratorId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.AccessPasses.Where(p => p.UserId == userId && p.UsedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresUtc, now), ct);
        var pass = CrockfordCodes.Generate(Length);
        db.AccessPasses.Add(new AccessPass
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            PassHash = await hasher.HashAsync(pass, ct),
            IssuedBy = administratorId,
            CreatedUtc = now,
            ExpiresUtc = now + options.Value.AccessPassLifetime,
        });
        return CrockfordCodes.Format(pass, 4);
    }

    public async Task<bool> RedeemAsync(Guid userId, string? pass, CancellationToken ct)
    {
        var normalized = CrockfordCodes.Normalize(pass, Length);
        if (normalized is null)
        {
            return false;
        }

        var hash = await hasher.HashAsync(normalized, ct);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.AccessPasses
            .Where(p => p.UserId == userId && p.PassHash == hash && p.UsedUtc == null && p.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UsedUtc, now), ct) == 1;
    }
}
