namespace Sigma.Portal.Email;

/// <summary>
/// What an email says, already in the recipient's language. <see cref="EmailRenderer"/> turns it into the HTML and
/// plain-text parts with the portal's layout, so every feature's email looks and reads the same.
/// </summary>
public sealed record EmailContent
{
    public required string Kind { get; init; }

    public required string Subject { get; init; }

    public required string Greeting { get; init; }

    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    public IReadOnlyList<EmailDetail> Details { get; init; } = [];

    public EmailAction? Action { get; init; }

    public IReadOnlyList<string> Closing { get; init; } = [];
}

/// <summary>A labelled value, such as the login name.</summary>
public sealed record EmailDetail(string Label, string Value);

/// <summary>The one button of an email and the address it opens.</summary>
public sealed record EmailAction(string Text, Uri Url);
