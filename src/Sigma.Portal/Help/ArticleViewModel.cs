namespace Sigma.Portal.Help;

public sealed record ArticleViewModel
{
    public required Article Article { get; init; }

    /// <summary>False when the article is shown in the other language because it has no translation yet.</summary>
    public required bool Translated { get; init; }

    public required IReadOnlyList<CommentView> Comments { get; init; }

    public string? NoticeKey { get; init; }

    public bool CanHide { get; init; }

    /// <summary>Never sent back filled: a posted comment is saved or shown again with its problem.</summary>
    public string Body { get; init; } = "";
}
