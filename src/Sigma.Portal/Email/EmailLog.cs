namespace Sigma.Portal.Email;

/// <summary>Log messages of the email feature; event ids 3000-3999. Never the body, never a link.</summary>
internal static partial class EmailLog
{
    [LoggerMessage(3001, LogLevel.Information, "Sent outbox message {MessageId} ({Kind})")]
    public static partial void Sent(ILogger logger, Guid messageId, string kind);

    [LoggerMessage(3002, LogLevel.Warning, "Sending outbox message {MessageId} ({Kind}) failed, attempt {Attempt}; next try at {NextAttemptUtc:u}: {Error}")]
    public static partial void SendFailed(ILogger logger, Guid messageId, string kind, int attempt, DateTime nextAttemptUtc, string error);

    [LoggerMessage(3003, LogLevel.Error, "Outbox message {MessageId} ({Kind}) gave up after {Attempt} attempts: {Error}")]
    public static partial void Dead(ILogger logger, Guid messageId, string kind, int attempt, string error);

    [LoggerMessage(3004, LogLevel.Error, "The outbox dispatcher failed; it tries again at its next cycle")]
    public static partial void CycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(3005, LogLevel.Information, "Smtp:Host is not set: email stays in the outbox (Development: see /dev/mailbox)")]
    public static partial void SmtpDisabled(ILogger logger);

    [LoggerMessage(3006, LogLevel.Debug, "Outbox message {MessageId} was taken over by another instance")]
    public static partial void ClaimLost(ILogger logger, Guid messageId);
}
