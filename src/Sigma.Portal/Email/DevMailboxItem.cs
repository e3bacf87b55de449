namespace Sigma.Portal.Email;

/// <summary>One outbox message as the development mailbox shows it.</summary>
public sealed record DevMailboxItem
{
    public required Guid Id { get; init; }

    public required string ToAddress { get; init; }

    public required string Subject { get; init; }

    public required DateTime CreatedUtc { get; init; }

    public DateTime? SentUtc { get; init; }

    public string TextBody { get; init; } = "";

    /// <summary>The HTML part as the recipient's mail program gets it; empty once sent.</summary>
    public string HtmlBody { get; init; } = "";

    /// <summary>The portal links in the body, to click.</summary>
    public IReadOnlyList<Uri> Links { get; init; } = [];
}
