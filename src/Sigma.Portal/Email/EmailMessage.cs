namespace Sigma.Portal.Email;

/// <summary>A rendered email, ready for the outbox.</summary>
public sealed record EmailMessage
{
    /// <summary>What kind of email (Activation, PasswordReset, ...): stored for operators, never the content.</summary>
    public required string Kind { get; init; }

    public required string ToAddress { get; init; }

    public required string ToName { get; init; }

    public required string Subject { get; init; }

    public required string HtmlBody { get; init; }

    public required string TextBody { get; init; }
}
