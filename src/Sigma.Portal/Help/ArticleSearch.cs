using System.Globalization;

namespace Sigma.Portal.Help;

/// <summary>
/// Finds articles by the words typed: every word must occur (case and accents ignored). Articles that carry them in
/// their title or summary are what the person asked for; only when none does are the ones that merely mention them in
/// the text offered ("telefoon" occurs in nearly every article, but two are about the phone). Matches in the title rank
/// first. The articles are few, so this runs in memory.
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

        bool All(string text) => words.TrueForAll(word => Contains(text, word));
        var found = store.All(language).Where(entry => All($"{entry.Article.Title} {entry.Article.Summary} {entry.Article.PlainText}")).ToList();
        var aboutIt = found.Where(entry => All($"{entry.Article.Title} {entry.Article.Summary}")).ToList();
        return [.. (aboutIt.Count > 0 ? aboutIt : found)
            .OrderByDescending(entry => words.Count(word => Contains(entry.Article.Title, word)))
            .ThenBy(entry => entry.Article.Order)];
    }
}
