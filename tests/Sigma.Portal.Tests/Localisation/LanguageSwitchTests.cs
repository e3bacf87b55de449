using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Localisation;

public sealed class LanguageSwitchTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Page_WithoutChoice_IsDutch()
    {
        var browser = app.NewBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var page = await browser.OpenAsync("/does-not-exist", TestContext.Current.CancellationToken);

        Assert.Equal("nl", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Pagina niet gevonden", page.Text("h1"));
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_IsRememberedOnLaterPages()
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();
        var page = await browser.OpenAsync("/does-not-exist", ct);

        var switched = await browser.SubmitAsync(page, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);
        var later = await browser.OpenAsync("/another-page-that-does-not-exist", ct);

        Assert.Equal("Page not found", switched.Text("h1"));
        Assert.Equal("en", later.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Page not found", later.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "OpenRedirect")]
    public async Task LanguageSwitch_WithForeignReturnUrl_StaysOnThePortal()
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();
        var page = await browser.OpenAsync("/does-not-exist", ct);

        foreach (var target in new[] { "https://evil.example/", "//evil.example", "/\\evil.example" })
        {
            using var response = await browser.PostFormAsync(page, "form.language-switch",
                new Dictionary<string, string> { ["Language"] = "en", ["ReturnUrl"] = target }, ct);

            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }
}
