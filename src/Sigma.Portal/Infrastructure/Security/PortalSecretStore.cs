using Microsoft.AspNetCore.DataProtection;
using Sigma.Portal.Data.Security;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Secrets the portal generates for itself once (the hashing key, the token signing keys) and keeps in the database,
/// encrypted with Data Protection: every instance reads the same value, and a copy of the tables without the key ring
/// holds nothing usable.
/// </summary>
public sealed class PortalSecretStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The secret named <paramref name="name"/>, created with <paramref name="create"/> by the first instance to ask.</summary>
    /// <param name="name">The row's name.</param>
    /// <param name="purpose">The Data Protection purpose the value is encrypted for.</param>
    /// <param name="create">Makes a new value when there is none yet.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<string> GetOrCreateAsync(string name, string purpose, Func<string> create, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(create);
        var protector = protection.CreateProtector(purpose);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.PortalSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct);
        if (stored is null)
        {
            db.PortalSecrets.Add(new PortalSecret
            {
                Name = name,
                ProtectedValue = protector.Protect(create()),
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

            stored = await db.PortalSecrets.AsNoTracking().FirstAsync(s => s.Name == name, ct);
        }

        return protector.Unprotect(stored.ProtectedValue);
    }
}
