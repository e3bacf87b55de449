using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Audit;

namespace Sigma.Portal.Accounts.Links;

/// <summary>
/// The request side of "forgot password" and "send me a new activation link": it only records the request, the same
/// small work for every address (unknown, active, invited, deactivated, one account or two), so neither the answer nor
/// its timing tells whether the address has an account. <see cref="LinkRequestDispatcher"/> does the work that depends
/// on the account once the answer has gone out.
/// </summary>
public sealed class LinkRequestRecorder(
    PortalDbContext db,
    ILookupNormalizer normalizer,
    IDataProtectionProvider protection,
    AuditTrail audit,
    WakeSignal<LinkRequestDispatcher> signal,
    IHttpContextAccessor http)
{
    /// <summary>The address waits for the background only in this protected form; the row is deleted once handled.</summary>
    public const string EmailProtectionPurpose = "Sigma.Portal.Accounts.PendingLinkRequestEmail";

    public async Task RecordAsync(AccountTokenPurpose purpose, string email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        var origin = audit.CurrentOrigin();
        db.PendingLinkRequests.Add(new PendingLinkRequest
        {
            Id = Guid.NewGuid(),
            Purpose = purpose,
            ProtectedEmail = protection.CreateProtector(EmailProtectionPurpose).Protect(normalizer.NormalizeEmail(email.Trim())),
            IpAddress = origin.IpAddress,
            UserAgent = origin.UserAgent,
            CreatedUtc = origin.AtUtc,
        });
        await db.SaveChangesAsync(ct);

        // The handler starts once the answer is out, so its work for a known address cannot hold up this answer.
        if (http.HttpContext is { } context)
        {
            context.Response.OnCompleted(() =>
            {
                signal.Notify();
                return Task.CompletedTask;
            });
        }
        else
        {
            signal.Notify();
        }
    }
}
