using Microsoft.AspNetCore.DataProtection;
using Sigma.Portal.Data.Email;

namespace Sigma.Portal.Email;

/// <summary>
/// Puts an email in the outbox as part of the caller's unit of work: the message is saved by the caller's
/// <c>SaveChangesAsync</c>, in the same transaction as the change that caused it, and never sent from the request.
/// </summary>
public sealed class OutboxWriter(PortalDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>Bodies carry one-time links; they are encrypted at rest with this purpose.</summary>
    public const string BodyProtectionPurpose = "Sigma.Portal.Email.OutboxBody";

    public void Queue(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var protector = protection.CreateProtector(BodyProtectionPurpose);
        var now = time.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = message.Kind,
            ToAddress = message.ToAddress,
            ToName = message.ToName,
            Subject = message.Subject,
            ProtectedHtmlBody = protector.Protect(message.HtmlBody),
            ProtectedTextBody = protector.Protect(message.TextBody),
            CreatedUtc = now,
            NextAttemptUtc = now,
        });
    }
}
