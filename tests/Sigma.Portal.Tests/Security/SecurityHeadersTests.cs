using System.Net;
using Sigma.Portal.Infrastructure.Security;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Security;

public sealed class SecurityHeadersTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/")]
    [InlineData("/does-not-exist")]
    [InlineData("/error/500")]
    [InlineData("/css/site.css")]
    [InlineData("/images/sigma-logo.svg")]
    public async Task Response_AnyPath_CarriesEverySecurityHeader(string path)
    {
        var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        AssertSecurityHeaders(response);
    }

    [Fact]
    [Trait("Attack", "CSRF")]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = app.CreateClient();

        using var response = await client.PostAsync(
            new Uri("/language", UriKind.Relative),
            new FormUrlEncodedContent([new("Language", "en"), new("ReturnUrl", "/")]),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.Contains("Language", StringComparison.Ordinal)));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Page_WithPersonalContent_IsNotCached()
    {
        var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/error/404", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_Any_RevealsNoServerSoftware()
    {
        var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    [Trait("Attack", "HostHeaderPoisoning")]
    public async Task Request_WithForeignHostHeader_IsRefused()
    {
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Settings")]
    [InlineData("/Admin/Accounts")]
    [Trait("Attack", "HostHeaderPoisoning")]
    public async Task Redirects_WithForgedForwardedHeadersFromAnUntrustedAddress_StayOnThePortal(string path)
    {
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Location!.IsAbsoluteUri, response.Headers.Location.OriginalString);
        Assert.StartsWith("/Account/Login", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    /// <param name="response">The response to look at.</param>
    /// <param name="transportSecurity">False on Kestrel at 127.0.0.1, a host HSTS is never sent to (<c>HstsOptions.ExcludedHosts</c>).</param>
    internal static void AssertSecurityHeaders(HttpResponseMessage response, bool transportSecurity = true)
    {
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal(transportSecurity ? "max-age=31536000; includeSubDomains" : "(no Strict-Transport-Security header)", Header(response, "Strict-Transport-Security"));
        Assert.Contains("frame-ancestors 'none'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : $"(no {name} header)";
}
