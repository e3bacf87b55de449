using System.Buffers.Text;
using System.Security.Cryptography;

namespace Sigma.Portal.Accounts.Links;

/// <summary>
/// One-time link tokens: 256 random bits, stored only as a keyed hash, bound to one account and one purpose, with an
/// expiry. A new link of a purpose replaces the open one; redeeming is a single conditional UPDATE, so two parallel
/// requests with one link cannot both succeed.
/// </summary>
public sealed class AccountTokens(PortalDbContext db, SecretHasher hasher, TimeProvider time, ILogger<AccountTokens> logger)
{
    private const int MaxTokenLength = 64;

    /// <summary>
    /// Adds a new token to the unit of work (saved by the caller) and returns it; earlier open ones die.
    /// <paramref name="onRequest"/>: asked for on the link request forms, so it counts toward <see cref="LinkThrottle"/>.
    /// </summary>
    public async Task<string> IssueAsync(Guid userId, AccountTokenPurpose purpose, TimeSpan lifetime, bool onRequest, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedUtc == null).ToListAsync(ct);
        foreach (var earlier in open)
        {
            earlier.UsedUtc = now;
        }

        return await AddAsync(userId, purpose, lifetime, onRequest, ct);
    }

    /// <summary>The first token of a new account, which has no earlier ones to end.</summary>
    public Task<string> IssueFirstAsync(Guid userId, AccountTokenPurpose purpose, TimeSpan lifetime, CancellationToken ct) =>
        AddAsync(userId, purpose, lifetime, onRequest: false, ct);

    /// <summary>Whether the link may be shown its form; does not use it up.</summary>
    public async Task<bool> IsUsableAsync(Guid userId, string? token, AccountTokenPurpose purpose, CancellationToken ct)
    {
        if (!WellFormed(token))
        {
            return false;
        }

        var hash = await hasher.HashAsync(token!, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var usable = await db.AccountTokens.AsNoTracking()
            .AnyAsync(t => t.TokenHash == hash && t.UserId == userId && t.Purpose == purpose && t.UsedUtc == null && t.ExpiresUtc > now, ct);
        if (!usable)
        {
            AccountsLog.TokenRefused(logger, userId, purpose);
        }

        return usable;
    }

    /// <summary>
    /// Whether an activation link that no longer works was sent to an account that is active now, so its page can say
    /// so and offer Inloggen instead of a new link. Only the holder of a link the account was really sent learns it.
    /// </summary>
    public async Task<bool> IsSpentActivationOfActiveAccountAsync(Guid userId, string? token, CancellationToken ct)
    {
        if (!WellFormed(token))
        {
            return false;
        }

        var hash = await hasher.HashAsync(token!, ct);
        return await db.AccountTokens.AnyAsync(t => t.TokenHash == hash && t.UserId == userId && t.Purpose == AccountTokenPurpose.Activation, ct)
            && await db.Users.AnyAsync(u => u.Id == userId && u.ActivatedUtc != null && u.DeactivatedUtc == null, ct);
    }

    /// <summary>Uses the link up. Exactly one caller gets true for a valid link, however many try at once.</summary>
    public async Task<bool> RedeemAsync(Guid userId, string? token, AccountTokenPurpose purpose, CancellationToken ct)
    {
        if (!WellFormed(token))
        {
            return false;
        }

        var hash = await hasher.HashAsync(token!, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var redeemed = await db.AccountTokens
            .Where(t => t.TokenHash == hash && t.UserId == userId && t.Purpose == purpose && t.UsedUtc == null && t.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedUtc, now), ct);
        if (redeemed == 0)
        {
            AccountsLog.TokenRefused(logger, userId, purpose);
        }

        return redeemed == 1;
    }

    /// <summary>Ends every open link of the account, for example once its password is set.</summary>
    public Task RevokeAllAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.AccountTokens.Where(t => t.UserId == userId && t.UsedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedUtc, now), ct);
    }

    private async Task<string> AddAsync(Guid userId, AccountTokenPurpose purpose, TimeSpan lifetime, bool onRequest, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.AccountTokens.Add(new AccountToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Purpose = purpose,
            TokenHash = await hasher.HashAsync(token, ct),
            CreatedUtc = now,
            ExpiresUtc = now + lifetime,
            IssuedOnRequest = onRequest,
        });
        return token;
    }

    private static bool WellFormed(string? token) => token is { Length: > 0 and <= MaxTokenLength };
}
