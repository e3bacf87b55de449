using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using Sigma.Portal.Data.Email;

namespace Sigma.Portal.Email;

/// <summary>
/// Sends due outbox messages. Several instances may run against one database: each claims rows with a conditional
/// UPDATE (a lease with its own claim token) before sending, so a message is handed to SMTP by one instance only.
/// Failures are retried with exponential backoff; after <see cref="OutboxOptions.MaxAttempts"/> a message is dead.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    IOptions<OutboxOptions> outboxOptions,
    IOptions<SmtpOptions> smtpOptions,
    EmailMetrics metrics,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Sends what is due now; returns how many messages this cycle claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var settings = outboxOptions.Value;
        var claimToken = Guid.NewGuid();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var now = Now();
        var due = await Due(db.OutboxMessages, now)
            .OrderBy(m => m.NextAttemptUtc)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        // The same conditions again inside the UPDATE: another instance may have sent, failed or claimed it meanwhile.
        await Due(db.OutboxMessages, now)
            .Where(m => due.Contains(m.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimToken, claimToken)
                .SetProperty(m => m.ClaimedUntilUtc, now + settings.ClaimDuration), ct);
        var claimed = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ClaimToken == claimToken)
            .OrderBy(m => m.NextAttemptUtc)
            .ToListAsync(ct);

        try
        {
            await SendAsync(db, claimed, claimToken, ct);
        }
        finally
        {
            // Stopping or failing mid-batch: hand back what was not sent, so it goes out after a restart at once.
            await db.OutboxMessages
                .Where(m => m.ClaimToken == claimToken && m.SentUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, (Guid?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
        }

        return claimed.Count;
    }

    private async Task SendAsync(PortalDbContext db, List<OutboxMessage> claimed, Guid claimToken, CancellationToken ct)
    {
        await using var sender = new MailKitSender(smtpOptions);
        Exception? connectionFailure = null;
        foreach (var message in claimed)
        {
            if (connectionFailure is not null)
            {
                // The server is unreachable: every other message of this batch fails the same way without waiting again.
                await RecordFailureAsync(db, message, claimToken, connectionFailure, ct);
                continue;
            }

            // Renew the lease right before sending, so it outlasts this send even late in a long batch.
            var stillOurs = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.ClaimToken == claimToken)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, Now() + outboxOptions.Value.ClaimDuration), ct);
            if (stillOurs == 0)
            {
                EmailLog.ClaimLost(logger, message.Id);
                continue;
            }

            using var span = PortalActivitySources.Email.StartActivity("smtp send", ActivityKind.Client);
            span?.SetTag("sigma.email.id", message.Id).SetTag("sigma.email.kind", message.Kind).SetTag("server.address", smtpOptions.Value.Host);
            try
            {
                await sender.SendAsync(ToMime(message), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                await RecordFailureAsync(db, message, claimToken, e, ct);
                if (!sender.IsConnected)
                {
                    connectionFailure = e;
                }

                continue;
            }

            await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.ClaimToken == claimToken)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentUtc, Now())
                    // Sent, the links in the body have no business staying in the database: kind, address and subject do.
                    .SetProperty(m => m.ProtectedHtmlBody, "")
                    .SetProperty(m => m.ProtectedTextBody, "")
                    .SetProperty(m => m.Attempts, message.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.ClaimToken, (Guid?)null)
                    .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
            EmailLog.Sent(logger, message.Id, message.Kind);
            metrics.Sent(message.Kind);
        }
    }

    private async Task RecordFailureAsync(PortalDbContext db, OutboxMessage message, Guid claimToken, Exception error, CancellationToken ct)
    {
        var settings = outboxOptions.Value;
        var attempt = message.Attempts + 1;
        var now = Now();
        var next = now + RetryDelay(attempt, settings);
        var dead = attempt >= settings.MaxAttempts;
        var description = Describe(error);
        await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.ClaimToken == claimToken)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.LastError, description)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.DeadUtc, dead ? now : null)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), ct);
        if (dead)
        {
            EmailLog.Dead(logger, message.Id, message.Kind, attempt, description);
            metrics.Dead(message.Kind);
        }
        else
        {
            EmailLog.SendFailed(logger, message.Id, message.Kind, attempt, next, description);
            metrics.Failed(message.Kind);
        }
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.Where(m => m.SentUtc == null && m.DeadUtc == null && m.NextAttemptUtc <= now
            && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now));

    /// <summary>30 s, 1 min, 2 min, ... doubling up to the maximum.</summary>
    internal static TimeSpan RetryDelay(int attempt, OutboxOptions settings) =>
        Backoff.Doubling(attempt, settings.FirstRetryDelay, settings.MaxRetryDelay);

    private MimeMessage ToMime(OutboxMessage message)
    {
        var protector = protection.CreateProtector(OutboxWriter.BodyProtectionPurpose);
        var settings = smtpOptions.Value;
        var body = new BodyBuilder
        {
            HtmlBody = protector.Unprotect(message.ProtectedHtmlBody),
            TextBody = protector.Unprotect(message.ProtectedTextBody),
        };
        body.LinkedResources.Add(EmailLogo.FileName, EmailLogo.Png, new ContentType("image", "png")).ContentId = EmailLogo.ContentId;
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            // Stable per outbox row: a message sent again after a crash can be recognised by the receiving side.
            MessageId = $"{message.Id:N}@sigma-portal",
            Body = body.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        return mime;
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length <= 1000 ? text : text[..1000];
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
