using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.Tests.Security;

namespace Sigma.Portal.Tests.Home;

public sealed class ErrorPageTests(ErrorPageTests.FailingPortal app) : IClassFixture<ErrorPageTests.FailingPortal>
{
    [Fact]
    public async Task UnknownPage_Is404WithFriendlyLocalisedPage()
    {
        var page = await app.NewBrowser().OpenAsync("/no/such/page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Pagina niet gevonden", page.Text("h1"));
    }

    [Theory]
    [InlineData("/error/500")]
    [InlineData("/error/503")]
    [InlineData("/error/403")]
    [InlineData("/error/0")]
    public async Task ErrorPage_AskedForDirectly_DoesNotExist(string path)
    {
        var page = await app.NewBrowser().OpenAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Pagina niet gevonden", page.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "InformationDisclosure")]
    public async Task Failure_InAnAction_Is500RevealingNothingInternal()
    {
        var page = await app.NewBrowser().OpenAsync(FailingController.Path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal("Er ging iets mis", page.Text("h1"));
        Assert.DoesNotContain(FailingController.Secret, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(FailingController), page.Html, StringComparison.Ordinal);
        SecurityHeadersTests.AssertSecurityHeaders(page.Response);
    }

    [Fact]
    public async Task Failure_ShowsAReference_ThatFindsItsLogEntry()
    {
        var page = await app.NewBrowser().OpenAsync(FailingController.Path, TestContext.Current.CancellationToken);
        var notFound = await app.NewBrowser().OpenAsync("/no-such-page", TestContext.Current.CancellationToken);

        var reference = page.Text(".error-reference code");
        Assert.Matches("^[0-9a-f]{32}$", reference);
        // As Logging:Console:FormatterName=json prints it: the failure's line names the trace the page shows.
        // Other tests on this fixture fail the same action, so the reference, not the message, picks the line.
        var line = Assert.Single(app.ConsoleLines.Json, l => l.GetProperty("LogLevel").GetString() == "Error"
            && l.GetProperty("Scopes").EnumerateArray().Any(scope => scope.ValueKind == System.Text.Json.JsonValueKind.Object
                && scope.TryGetProperty("TraceId", out var trace) && trace.GetString() == reference));
        Assert.Contains(FailingController.Secret, line.GetProperty("Exception").GetString(), StringComparison.Ordinal);
        Assert.False(notFound.Has(".error-reference"));
    }

    /// <summary>The portal plus one action that fails, to see what the error handler shows.</summary>
    public sealed class FailingPortal : PortalFactory
    {
        public FailingPortal()
        {
            Settings["Logging:Console:FormatterName"] = "json";
            CaptureConsole = true;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddControllers().AddApplicationPart(typeof(FailingController).Assembly));
        }
    }
}

[AllowAnonymous]
public sealed class FailingController : Controller
{
    public const string Path = "/test/fail";

    public const string Secret = "Server=db;Password=hunter2";

    [HttpGet(Path)]
    public IActionResult Fail() => throw new InvalidOperationException($"{Secret} at {Request.Path}");
}
