using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Security;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2): every page that answers GET answers HEAD the same way, through the
/// same endpoint and so the same authorization and two-factor gate; TRACE and the other unused methods stay refused
/// (<see cref="Reliability.HostileInputTests.UnusedMethods_AreRefusedWith405AndTheSecurityHeaders"/>).
/// </summary>
public sealed class HeadRequestTests(PortalFactory memory, KestrelPortal kestrel) : IClassFixture<PortalFactory>, IClassFixture<KestrelPortal>
{
    public static TheoryData<string, string> PagesOnBothServers => new MatrixTheoryData<string, string>(
        ["in-memory", "Kestrel"], ["/", "/Account/Login", "/help", "/help/lost-phone", "/Settings", "/Admin/Accounts", "/does-not-exist"]);

    [Theory]
    [MemberData(nameof(PagesOnBothServers))]
    public async Task Head_OnAPage_AnswersLikeItsGet(string server, string path)
    {
        var ct = TestContext.Current.CancellationToken;

        foreach (var browser in await BrowsersAsync(server, ct))
        {
            using var get = await browser.Client.GetAsync(new Uri(path, UriKind.Relative), ct);
            using var head = await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), ct);

            Assert.True(get.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.NotFound, $"GET {path}: {(int)get.StatusCode}");
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.Equal(get.Headers.Location, head.Headers.Location);
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            SecurityHeadersTests.AssertSecurityHeaders(head, transportSecurity: server != "Kestrel");
        }
    }

    /// <summary>The server leaves the body off (the in-memory test server passes on whatever the page wrote).</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/help")]
    public async Task Head_OnKestrel_SendsNoBody(string path)
    {
        var ct = TestContext.Current.CancellationToken;

        foreach (var browser in await BrowsersAsync("Kestrel", ct))
        {
            using var head = await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), ct);

            Assert.True(head.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"HEAD {path}: {(int)head.StatusCode}");
            Assert.Empty(await head.Content.ReadAsByteArrayAsync(ct));
        }
    }

    [Fact]
    public void Endpoints_AnsweringGet_AnswerHeadThroughTheSameEndpoint()
    {
        var endpoints = EndpointCatalog.All(memory.Services);
        var gets = endpoints.Where(e => e.Method == "GET").Select(e => (e.Pattern, e.Endpoint)).ToHashSet();
        var heads = endpoints.Where(e => e.Method == "HEAD").Select(e => (e.Pattern, e.Endpoint)).ToHashSet();

        Assert.NotEmpty(gets);
        Assert.True(gets.SetEquals(heads), string.Join(", ", gets.Except(heads).Concat(heads.Except(gets)).Select(e => e.Pattern)));
    }

    /// <summary>An anonymous browser and one signed in as an administrator with both factors.</summary>
    private async Task<PortalBrowser[]> BrowsersAsync(string server, CancellationToken ct)
    {
        var app = server == "Kestrel" ? kestrel.App : memory;
        var administrator = await new AccountBuilder(app).AsAdministrator().WithAuthenticatorAsync(ct);
        var signedIn = server == "Kestrel" ? kestrel.NewBrowser() : memory.NewBrowser();
        await signedIn.SignInAsync(app, administrator, ct);
        return [server == "Kestrel" ? kestrel.NewBrowser() : memory.NewBrowser(), signedIn];
    }
}
