using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;

namespace Sigma.Portal.Email;

/// <summary>
/// Reads the outbox for the Development-only mailbox page, so a first run without an SMTP server can still follow the
/// activation link of the first administrator.
/// </summary>
public sealed partial class DevMailbox(PortalDbContext db, IDataProtectionProvider protection, IOptions<PortalOptions> portal)
{
    public async Task<IReadOnlyList<DevMailboxItem>> RecentAsync(CancellationToken ct) =>
        await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedUtc)
            .Take(100)
            .Select(m => new DevMailboxItem
            {
                Id = m.Id,
                ToAddress = m.ToAddress,
                Subject = m.Subject,
                CreatedUtc = m.CreatedUtc,
                SentUtc = m.SentUtc,
            })
            .ToListAsync(ct);

    public async Task<DevMailboxItem?> FindAsync(Guid id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return null;
        }

        // A sent message keeps no body (OutboxDispatcher); the page then says so.
        var protector = protection.CreateProtector(OutboxWriter.BodyProtectionPurpose);
        var text = message.ProtectedTextBody.Length == 0 ? "" : protector.Unprotect(message.ProtectedTextBody);
        var baseUrl = portal.Value.PublicBaseUrl?.AbsoluteUri ?? "";
        return new DevMailboxItem
        {
            Id = message.Id,
            ToAddress = message.ToAddress,
            Subject = message.Subject,
            CreatedUtc = message.CreatedUtc,
            SentUtc = message.SentUtc,
            TextBody = text,
            HtmlBody = message.ProtectedHtmlBody.Length == 0 ? "" : protector.Unprotect(message.ProtectedHtmlBody),
            Links = [.. Urls().Matches(text)
                .Select(m => m.Value)
                .Where(u => u.StartsWith(baseUrl, StringComparison.Ordinal))
                .Select(u => new Uri(u))],
        };
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Urls();
}
