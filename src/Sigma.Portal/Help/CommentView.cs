namespace Sigma.Portal.Help;

/// <summary>A comment as the article page shows it.</summary>
public sealed record CommentView(long Id, string Author, string Body, DateTime CreatedUtc, bool Mine);
