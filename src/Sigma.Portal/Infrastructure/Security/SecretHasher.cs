using System.Security.Cryptography;
using System.Text;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of one-time secrets: link tokens, recovery codes, access passes. The key is 256 random
/// bits in the <see cref="PortalSecretStore"/>; a copy of the tables without the key ring cannot be used to test
/// guesses offline.
/// </summary>
public sealed class SecretHasher(PortalSecretStore secrets) : IDisposable
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

    /// <summary>
    /// Reads (or makes) the key now. Before a transaction that will hash: making the key writes through a context of its
    /// own, which SQLite's single writer would keep waiting on the transaction.
    /// </summary>
    public async ValueTask EnsureKeyAsync(CancellationToken ct)
    {
        if (_key is null)
        {
            await LoadKeyAsync(ct);
        }
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

            var stored = await secrets.GetOrCreateAsync(KeyName, Purpose, static () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
            _key = Convert.FromBase64String(stored);
            return _key;
        }
        finally
        {
            _loading.Release();
        }
    }
}
