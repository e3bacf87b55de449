using System.Globalization;

namespace Sigma.Portal.Help;

/// <summary>
/// Finds articles by the words typed: every word must occur (case and accents ignored) in the title, summary or text;
/// matches in the title rank first. The articles are few, so this runs in memory.
/// </summary>
public sealed class ArticleSearch(ArticleStore store)
{
    private const int MaxWords = 10;

    public IReadOnlyList<(Article Article, bool Translated)> Find(string query, string language)
    {
        var words = query.Split([' ', ',', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries).Take(MaxWords).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        bool Contains(string text, string word) => compare.IndexOf(text, word, Loose) >= 0;

        return [.. store.All(language)
            .Select(entry => (entry, Text: $"{entry.Article.Title} {entry.Article.Summary} {entry.Article.PlainText}"))
            .Where(candidate => words.TrueForAll(word => Contains(candidate.Text, word)))
            .OrderByDescending(candidate => words.Count(word => Contains(candidate.entry.Article.Title, word)))
            .ThenBy(candidate => candidate.entry.Article.Order)
            .Select(candidate => candidate.entry)];
    }
}
