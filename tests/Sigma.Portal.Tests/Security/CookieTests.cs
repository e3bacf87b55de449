using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Security;

public sealed class CookieTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    [Trait("Attack", "CookieTheft")]
    public async Task Cookies_OutsideDevelopment_AreSecureHostOnlyHttpOnlyAndSameSite()
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();
        var page = await browser.OpenAsync("/error/404", ct);

        using var response = await browser.PostFormAsync(page, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-Sigma.Language=", StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task AntiforgeryCookie_OutsideDevelopment_IsSecureStrictAndHostOnly()
    {
        var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/error/404", UriKind.Relative), TestContext.Current.CancellationToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Sigma.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
