using Sigma.Portal.Audit;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor.Recovery;

/// <summary>
/// One-time recovery codes: ten characters (50 bits) from Crockford's alphabet, shown once as "ABCDE-FGHJK", stored
/// only as keyed hashes. Using one is a conditional UPDATE, so a code works exactly once even under parallel requests.
/// </summary>
public sealed class RecoveryCodes(
    PortalDbContext db,
    SecretHasher hasher,
    AuditTrail audit,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<RecoveryCodes> logger)
{
    private const int Length = 10;

    /// <summary>Replaces every code of the account with new ones (in the unit of work) and returns them, formatted.</summary>
    public async Task<IReadOnlyList<string>> RenewAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var old = await db.RecoveryCodes.Where(c => c.UserId == userId).ToListAsync(ct);
        db.RecoveryCodes.RemoveRange(old);
        var codes = new List<string>();
        for (var i = 0; i < options.Value.RecoveryCodeCount; i++)
        {
            var code = CrockfordCodes.Generate(Length);
            codes.Add(CrockfordCodes.Format(code, 5));
            db.RecoveryCodes.Add(new RecoveryCode
            {
                Id = Guid.NewGuid(),
                UserId = userId,
                CodeHash = await hasher.HashAsync(code, ct),
                CreatedUtc = now,
            });
        }

        return codes;
    }

    /// <summary>New codes at the person's request (after re-authentication); the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(Guid userId, CancellationToken ct)
    {
        var codes = await RenewAsync(userId, ct);
        audit.Record(AuditEventType.RecoveryCodesRenewed, userId);
        await db.SaveChangesAsync(ct);
        TwoFactorLog.RecoveryCodesRenewed(logger, userId);
        return codes;
    }

    /// <summary>Uses the code up; true for exactly one caller when it is one of the account's unused codes.</summary>
    public async Task<bool> RedeemAsync(Guid userId, string? code, CancellationToken ct)
    {
        var normalized = CrockfordCodes.Normalize(code, Length);
        if (normalized is null)
        {
            return false;
        }

        var hash = await hasher.HashAsync(normalized, ct);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.RecoveryCodes
            .Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedUtc, now), ct) == 1;
    }

    public Task<int> RemainingAsync(Guid userId, CancellationToken ct) =>
        db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedUtc == null, ct);

    public Task RevokeAllAsync(Guid userId, CancellationToken ct) =>
        db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
}
