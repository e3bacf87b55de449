namespace Sigma.Portal.Help;

/// <summary>
/// The help articles: Markdown files, one per language (Help/Content/nl/activation.md, .../en/activation.md), so Sigma
/// can change the text without a release. Each file starts with a front matter block of title, summary and order.
/// Files are read again a minute after they were last read, so an edited text appears without a restart.
/// </summary>
public sealed class ArticleStore(IHostEnvironment environment, IOptions<HelpOptions> options, TimeProvider time, ILogger<ArticleStore> logger)
{
    public static readonly string[] Languages = ["nl", "en"];

    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private IReadOnlyDictionary<(string Language, string Slug), Article> _articles = new Dictionary<(string, string), Article>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The article in the language asked for, or in the other language when it has no translation yet.</summary>
    public (Article Article, bool Translated)? Find(string slug, string language)
    {
        var articles = Current();
        if (articles.TryGetValue((language, slug), out var article))
        {
            return (article, true);
        }

        var other = Languages.FirstOrDefault(l => l != language && articles.ContainsKey((l, slug)));
        return other is null ? null : (articles[(other, slug)], false);
    }

    /// <summary>Every article, each in the language asked for where it exists, else in the other one.</summary>
    public IReadOnlyList<(Article Article, bool Translated)> All(string language) =>
        [.. Current().Keys.Select(k => k.Slug).Distinct(StringComparer.Ordinal)
            .Select(slug => Find(slug, language)!.Value)
            .OrderBy(a => a.Article.Order)
            .ThenBy(a => a.Article.Title, StringComparer.CurrentCulture)];

    private IReadOnlyDictionary<(string Language, string Slug), Article> Current()
    {
        lock (_gate)
        {
            if (time.GetUtcNow() - _readAt > Freshness)
            {
                _articles = Read();
                _readAt = time.GetUtcNow();
            }

            return _articles;
        }
    }

    private Dictionary<(string, string), Article> Read()
    {
        var root = Path.GetFullPath(options.Value.ContentPath, environment.ContentRootPath);
        var articles = new Dictionary<(string, string), Article>();
        foreach (var language in Languages)
        {
            var folder = Path.Combine(root, language);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.md"))
            {
                var slug = Path.GetFileNameWithoutExtension(file);
                if (ArticleFile.Parse(slug, language, File.ReadAllText(file)) is { } article)
                {
                    articles[(language, slug)] = article;
                }
                else
                {
                    HelpLog.ArticleSkipped(logger, file);
                }
            }
        }

        return articles;
    }
}
