using Microsoft.AspNetCore.Html;

namespace Sigma.Portal.Help;

/// <summary>A help article in one language, rendered once from its Markdown file.</summary>
public sealed record Article
{
    public required string Slug { get; init; }

    /// <summary>"nl" or "en".</summary>
    public required string Language { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    public required int Order { get; init; }

    public required HtmlString Html { get; init; }

    /// <summary>The text without markup, for search.</summary>
    public required string PlainText { get; init; }
}
