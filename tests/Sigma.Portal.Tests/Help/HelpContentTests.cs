using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Help;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Help;

/// <summary>The help articles that ship with the portal.</summary>
public sealed class HelpContentTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Slugs => ["activation", "two-factor-setup", "microsoft-authenticator", "several-accounts", "new-phone", "lost-phone", "faq"];

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Article_EveryTopic_IsWrittenInDutchAndEnglish(string slug)
    {
        var store = app.Services.GetRequiredService<ArticleStore>();

        var dutch = store.Find(slug, "nl");
        var english = store.Find(slug, "en");

        Assert.True(dutch is { Translated: true }, $"{slug} has no Dutch article");
        Assert.True(english is { Translated: true }, $"{slug} has no English article");
        Assert.NotEqual(dutch.Value.Article.Title, english.Value.Article.Title);
    }

    [Fact]
    public async Task HelpIndex_ListsTheArticlesInThePersonsLanguage()
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();

        var dutch = await browser.OpenAsync("/help", ct);
        var english = await browser.SubmitAsync(dutch, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);

        Assert.Equal(9, dutch.Document.QuerySelectorAll(".article-list li").Length);
        Assert.Equal("Hulp en veelgestelde vragen", dutch.Text("h1"));
        Assert.Equal("Help and frequently asked questions", english.Text("h1"));
        Assert.All(english.Document.QuerySelectorAll(".article-list a"), a => Assert.Equal("en", a.GetAttribute("lang")));
    }

    [Fact]
    public async Task Faq_AnswersTheQuestionsOfTheOriginalArticle()
    {
        var faq = await app.NewBrowser().OpenAsync("/help/faq", TestContext.Current.CancellationToken);

        Assert.True(faq.Document.QuerySelectorAll("article h2").Length >= 6);
        Assert.Contains("Microsoft Authenticator", faq.Text("article"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screens_LinkToTheirHelpArticles()
    {
        var ct = TestContext.Current.CancellationToken;
        var login = await app.NewBrowser().OpenAsync("/Account/Login", ct);
        var linked = await app.NewBrowser().OpenAsync(login.Document.QuerySelector("a[href='/help/faq']")!.GetAttribute("href")!, ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, linked.Status);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task SetupArticle_ShowsScreenshotsWithDescriptions_ServedByThePortal(string language)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();
        if (language == "en")
        {
            var login = await browser.OpenAsync("/Account/Login", ct);
            await browser.SubmitAsync(login, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);
        }

        var article = await browser.OpenAsync("/help/two-factor-setup", ct);
        var images = article.Document.QuerySelectorAll("article img");

        Assert.True(images.Length >= 2);
        foreach (var image in images)
        {
            Assert.False(string.IsNullOrWhiteSpace(image.GetAttribute("alt")));
            var src = image.GetAttribute("src")!;
            Assert.StartsWith($"/images/help/{language}-", src, StringComparison.Ordinal);
            using var response = await browser.Client.GetAsync(new Uri(src, UriKind.Relative), ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
