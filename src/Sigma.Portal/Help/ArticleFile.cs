using System.Globalization;
using System.Text.RegularExpressions;

namespace Sigma.Portal.Help;

/// <summary>One article file: a front matter block (title, summary, order) between "---" lines, then Markdown.</summary>
public static partial class ArticleFile
{
    public static Article? Parse(string slug, string language, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Slug().IsMatch(slug))
        {
            return null;
        }

        var match = FrontMatter().Match(text.ReplaceLineEndings("\n"));
        if (!match.Success)
        {
            return null;
        }

        var fields = match.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!fields.TryGetValue("title", out var title) || string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var (html, plain) = ArticleRenderer.Render(match.Groups[2].Value);
        return new Article
        {
            Slug = slug,
            Language = language,
            Title = title,
            Summary = fields.GetValueOrDefault("summary") ?? "",
            Order = int.TryParse(fields.GetValueOrDefault("order"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order : int.MaxValue,
            Html = html,
            PlainText = plain,
        };
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex(@"\A---\n(.*?)\n---\n(.*)\z", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();
}
