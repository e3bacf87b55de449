using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sigma.Portal.Data;
using Sigma.Portal.Data.TwoFactor;
using Sigma.Portal.Infrastructure.Security;

namespace Sigma.Portal.TwoFactor;

/// <summary>
/// One-time recovery codes: ten characters (50 bits) from Crockford's alphabet, shown once as "ABCDE-FGHJK", stored
/// only as keyed hashes. Using one is a conditional UPDATE, so a code works exactly once even under parallel requests.
/// </summary>
public sealed class RecoveryCodes(
    PortalDbContext db,
    SecretHasher hasher,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<RecoveryCodes> logger)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
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
            var code = new string(RandomNumberGenerator.GetItems<char>(Alphabet, Length));
            codes.Add(code[..5] + "-" + code[5..]);
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
        await db.SaveChangesAsync(ct);
        TwoFactorLog.RecoveryCodesRenewed(logger, userId);
        return codes;
    }

    /// <summary>Uses the code up; true for exactly one caller when it is one of the account's unused codes.</summary>
    public async Task<bool> RedeemAsync(Guid userId, string? code, CancellationToken ct)
    {
        var normalized = Normalize(code);
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

    /// <summary>Upper case without dashes or spaces; O read as 0 and I or L as 1, as Crockford's alphabet intends.</summary>
    internal static string? Normalize(string? code)
    {
        if (code is null || code.Length > 40)
        {
            return null;
        }

        var cleaned = string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-'))
            .ToUpperInvariant()
            .Replace('O', '0').Replace('I', '1').Replace('L', '1');
        return cleaned.Length == Length && cleaned.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? cleaned : null;
    }
}
