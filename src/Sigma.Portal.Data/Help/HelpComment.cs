namespace Sigma.Portal.Data.Help;

/// <summary>A comment under a help article by a signed-in person; plain text, shown encoded.</summary>
public sealed class HelpComment
{
    /// <summary>Ascending with every new comment, which is the order comments are shown in.</summary>
    public long Id { get; set; }

    public string ArticleSlug { get; set; } = "";

    public Guid UserId { get; set; }

    public string Body { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>Removed by its author.</summary>
    public DateTime? DeletedUtc { get; set; }

    /// <summary>Hidden by an administrator (who is in the audit trail).</summary>
    public DateTime? HiddenUtc { get; set; }
}
