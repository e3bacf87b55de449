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

    /// <summary>One secret of a family (<see cref="ListAsync"/>): its name, value and when it was made.</summary>
    public sealed record Entry(string Name, string Value, DateTime CreatedUtc);

    /// <summary>Every secret whose name is <paramref name="name"/> or starts with it and a colon, oldest first.</summary>
    public async Task<List<Entry>> ListAsync(string name, string purpose, CancellationToken ct)
    {
        var protector = protection.CreateProtector(purpose);
        var prefix = name + ":";
        await using var scope = scopes.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PortalSecrets.AsNoTracking()
            .Where(s => s.Name == name || s.Name.StartsWith(prefix))
            .OrderBy(s => s.CreatedUtc)
            .ToListAsync(ct);
        return [.. stored.Select(s => new Entry(s.Name, protector.Unprotect(s.ProtectedValue), s.CreatedUtc))];
    }

    /// <summary>Adds a secret under a new name (a further key of a family).</summary>
    public async Task AddAsync(string name, string purpose, string value, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.PortalSecrets.Add(new PortalSecret
        {
            Name = name,
            ProtectedValue = protection.CreateProtector(purpose).Protect(value),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }
}
