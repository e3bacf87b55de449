using System.Net;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Help;

/// <summary>Rendering rules, with articles of the test's own in a folder of its own.</summary>
public sealed class HelpArticleRenderingTests(HelpArticleRenderingTests.OwnArticles app) : IClassFixture<HelpArticleRenderingTests.OwnArticles>
{
    [Fact]
    [Trait("Attack", "XSS")]
    public async Task Article_WithRawHtmlAndScriptLinks_ShowsThemAsHarmlessText()
    {
        var page = await app.NewBrowser().OpenAsync("/help/unsafe", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False(page.Has("article script"));
        Assert.False(page.Has("article img"));
        Assert.False(page.Has("article b"));
        Assert.Contains("<script>alert(1)</script>", page.Text("article"), StringComparison.Ordinal);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("article a"), a => a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(page.Document.QuerySelectorAll("article a"), a => a.GetAttribute("href")!.StartsWith("//", StringComparison.Ordinal));
        Assert.Contains(page.Document.QuerySelectorAll("article a"), a => a.GetAttribute("href") == "https://www.sigma.example/");
    }

    [Fact]
    public async Task Article_WithoutATranslation_FallsBackToTheOtherLanguageWithANotice()
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();
        var dutch = await browser.OpenAsync("/help/only-dutch", ct);
        await browser.SubmitAsync(dutch, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);

        var english = await browser.OpenAsync("/help/only-dutch", ct);

        Assert.False(dutch.Has(".help-article .notice"));
        Assert.Equal("Alleen Nederlands", english.Text("h1"));
        Assert.Equal("nl", english.Document.QuerySelector("article")!.GetAttribute("lang"));
        Assert.Contains("not yet available in English", english.Text(".help-article .notice"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RECEPT", "recipe")]
    [InlineData("creme brulee", "recipe")]
    [InlineData("oven recept", "recipe")]
    [InlineData("bestaat-niet", null)]
    public async Task Search_MatchesEveryWordIgnoringCaseAndAccents(string query, string? slug)
    {
        var page = await app.NewBrowser().OpenAsync("/help?q=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
        var hrefs = page.Document.QuerySelectorAll(".article-list a").Select(a => a.GetAttribute("href")).ToList();

        if (slug is null)
        {
            Assert.Empty(hrefs);
        }
        else
        {
            Assert.Equal(["/help/" + slug], hrefs);
        }
    }

    [Fact]
    [Trait("Attack", "XSS")]
    public async Task Search_QueryWithMarkup_IsShownEncoded()
    {
        var page = await app.NewBrowser().OpenAsync("/help?q=" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"), TestContext.Current.CancellationToken);

        Assert.False(page.Has("main img"));
        Assert.Contains("<img src=x onerror=alert(1)>", page.Text("[role=status]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_Unknown_Is404()
    {
        var page = await app.NewBrowser().OpenAsync("/help/no-such-article", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    public sealed class OwnArticles : PortalFactory
    {
        public OwnArticles()
        {
            var root = Path.Combine(Folder, "help");
            Directory.CreateDirectory(Path.Combine(root, "nl"));
            Directory.CreateDirectory(Path.Combine(root, "en"));
            File.WriteAllText(Path.Combine(root, "nl", "unsafe.md"), """
                ---
                title: Onveilig
                summary: Probeert HTML en scripts.
                order: 1
                ---

                <script>alert(1)</script> <b>vet</b> <img src=x onerror=alert(2)>

                [klik](javascript:alert(3)) [ook](JaVaScRiPt:alert(4)) [ander](//evil.example/) [goed](https://www.sigma.example/)
                """);
            File.WriteAllText(Path.Combine(root, "nl", "only-dutch.md"), """
                ---
                title: Alleen Nederlands
                summary: Nog niet vertaald.
                order: 2
                ---

                Dit artikel bestaat alleen in het Nederlands.
                """);
            File.WriteAllText(Path.Combine(root, "nl", "recipe.md"), """
                ---
                title: Recept
                summary: Crème brûlée uit de oven.
                order: 3
                ---

                Zet de oven aan.
                """);
            Settings["Help:ContentPath"] = root;
        }
    }
}
