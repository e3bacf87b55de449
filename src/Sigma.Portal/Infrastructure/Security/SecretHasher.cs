using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Sigma.Portal.Data.Security;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of one-time secrets: link tokens, recovery codes, access passes. The key is 256 random
/// bits the portal generates once and keeps in the database, encrypted with Data Protection; a copy of the tables
/// without the key ring cannot be used to test guesses offline.
/// </summary>
public sealed class SecretHasher(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time) : IDisposable
{
    private const string KeyName = "SecretHashingKey";
    private const string Purpose = "Sigma.Portal.SecretHashingKey";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async ValueTask<string> HashAsync(string secret, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = _key ?? await LoadKeyAsync(ct);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret)));
    }

    public void Dispose() => _loading.Dispose();

    private async Task<byte[]> LoadKeyAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (_key is not null)
            {
                return _key;
            }

            var protector = protection.CreateProtector(Purpose);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stored = await db.PortalSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == KeyName, ct);
            if (stored is null)
            {
                db.PortalSecrets.Add(new PortalSecret
                {
                    Name = KeyName,
                    ProtectedValue = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
                    CreatedUtc = time.GetUtcNow().UtcDateTime,
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (UniqueViolation.Is(e))
                {
                    // Another instance created it first: use theirs.
                }

                stored = await db.PortalSecrets.AsNoTracking().FirstAsync(s => s.Name == KeyName, ct);
            }

            _key = Convert.FromBase64String(protector.Unprotect(stored.ProtectedValue));
            return _key;
        }
        finally
        {
            _loading.Release();
        }
    }
}
