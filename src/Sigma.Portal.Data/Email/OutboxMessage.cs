namespace Sigma.Portal.Data.Email;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that caused it. Bodies are protected
/// with Data Protection because they carry one-time links.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>What kind of email this is (Activation, PasswordReset, ...), for operators; never the content.</summary>
    public string Kind { get; set; } = "";

    public string ToAddress { get; set; } = "";

    public string ToName { get; set; } = "";

    public string Subject { get; set; } = "";

    public string ProtectedHtmlBody { get; set; } = "";

    public string ProtectedTextBody { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>Not sent before this moment: now for new mail, later after a failure (exponential backoff).</summary>
    public DateTime NextAttemptUtc { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentUtc { get; set; }

    /// <summary>Set when the message failed too often; an administrator can retry it.</summary>
    public DateTime? DeadUtc { get; set; }

    /// <summary>The dispatcher that claimed the message, and until when; another instance waits for the lease to end.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }
}
