using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace Sigma.Portal.Help;

/// <summary>
/// Renders article Markdown with Markdig, raw HTML disabled (it shows as text), and only http(s), mailto and relative
/// links kept, so an article can carry no script even if a file is edited carelessly.
/// </summary>
public static class ArticleRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoIdentifiers()
        .Build();

    public static (HtmlString Html, string PlainText) Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        return (new HtmlString(document.ToHtml(Pipeline)), Markdown.ToPlainText(markdown, Pipeline));
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        if (!Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var parsed) || !parsed.IsAbsoluteUri)
        {
            // Relative links to other articles; a "//host" link is absolute to a browser, so it is refused.
            return !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("\\\\", StringComparison.Ordinal) && !url.Contains(':', StringComparison.Ordinal);
        }

        return parsed.Scheme is "http" or "https" or "mailto";
    }
}
