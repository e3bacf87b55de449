using System.Security.Cryptography;
using System.Text.Json;
using Sigma.Portal.Data.SingleSignOn;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// An application's logo: replaced or removed by an administrator, read for its tile. The registration keeps a version
/// of it (a hash of the picture), so that the tile's address changes with the picture and browsers may keep it a day.
/// </summary>
public sealed class ApplicationLogos(PortalDbContext db, ApplicationRegistrar registrar, TimeProvider time)
{
    public Task<ApplicationLogo?> FindAsync(string clientId, CancellationToken ct) =>
        db.ApplicationLogos.AsNoTracking().SingleOrDefaultAsync(l => l.ClientId == clientId, ct);

    /// <summary>Replaces the logo; the caller has checked the content with <see cref="LogoFormat.ProblemWith"/>.</summary>
    /// <returns>False when there is no such application.</returns>
    public Task<bool> ReplaceAsync(string clientId, byte[] content, Guid? actorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var contentType = LogoFormat.ProblemWith(content) is null ? LogoFormat.ContentTypeOf(content)! : throw new ArgumentException("Not a logo.", nameof(content));
        return ChangeAsync(clientId, Convert.ToHexStringLower(SHA256.HashData(content))[..16], "logo changed", async transactionCt =>
        {
            var logo = await db.ApplicationLogos.SingleOrDefaultAsync(l => l.ClientId == clientId, transactionCt);
            if (logo is null)
            {
                logo = new ApplicationLogo { ClientId = clientId };
                db.ApplicationLogos.Add(logo);
            }

            logo.ContentType = contentType;
            logo.Content = content;
            logo.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        }, actorId, ct);
    }

    /// <returns>False when there is no such application.</returns>
    public Task<bool> RemoveAsync(string clientId, Guid? actorId, CancellationToken ct) =>
        ChangeAsync(clientId, version: null, "logo removed", async transactionCt =>
            await db.ApplicationLogos.Where(l => l.ClientId == clientId).ExecuteDeleteAsync(transactionCt), actorId, ct);

    private Task<bool> ChangeAsync(string clientId, string? version, string what, Func<CancellationToken, Task> change, Guid? actorId, CancellationToken ct) =>
        registrar.SetPropertyAsync(clientId, PortalApplication.LogoProperty, JsonSerializer.SerializeToElement(version), what, actorId, change, ct);
}
