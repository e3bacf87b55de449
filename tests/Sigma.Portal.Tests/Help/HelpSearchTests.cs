using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Help;

/// <summary>The help centre's search over the real articles: what they are about first, mere mentions only as a fallback.</summary>
public sealed class HelpSearchTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Search_ForAWordEveryArticleMentions_OffersTheArticlesAboutIt_TitleFirst()
    {
        var page = await app.NewBrowser().OpenAsync("/help?q=telefoon", TestContext.Current.CancellationToken);
        var hrefs = page.Document.QuerySelectorAll(".article-list a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(["/help/lost-phone", "/help/new-phone"], hrefs.Take(2).Order());
        Assert.DoesNotContain("/help/activation", hrefs);
        Assert.DoesNotContain("/help/my-applications", hrefs);
    }

    [Fact]
    public async Task Search_ForAWordOnlyInTheText_StillFindsIt()
    {
        var page = await app.NewBrowser().OpenAsync("/help?q=qr-code", TestContext.Current.CancellationToken);

        // No title or summary says "QR-code"; the setup article's text does.
        Assert.Contains("/help/two-factor-setup", page.Document.QuerySelectorAll(".article-list a").Select(a => a.GetAttribute("href")));
    }
}
