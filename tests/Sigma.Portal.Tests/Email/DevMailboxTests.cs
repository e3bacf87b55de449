using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Email;

public sealed class DevMailboxTests
{
    [Fact]
    public async Task DevMailbox_InDevelopmentWithoutSmtp_ShowsQueuedMailWithItsLinks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory { Environment = "Development" };
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var browser = app.NewBrowser();

        var mailbox = await browser.OpenAsync("/dev/mailbox", ct);
        var message = await browser.OpenAsync(mailbox.Document.QuerySelector("tbody a")!.GetAttribute("href")!, ct);
        var link = message.Document.QuerySelectorAll("main ul a").Select(a => a.GetAttribute("href")!).Single();
        var form = await browser.OpenAsync(new Uri(link).PathAndQuery, ct);

        Assert.Contains(account.Email, mailbox.Text("tbody"), StringComparison.Ordinal);
        Assert.Contains("In de wachtrij", mailbox.Text("tbody"), StringComparison.Ordinal);
        Assert.Equal("Kies uw wachtwoord", form.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "XSS")]
    public async Task DevMailbox_ShowsTheHtmlPartAsTheRecipientWould_UnderAPolicyThatLetsNothingRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory { Environment = "Development" };
        await new AccountBuilder(app).WithName("Jan <script>alert(1)</script> Jansen").InvitedAsync(ct);
        var browser = app.NewBrowser();
        var mailbox = await browser.OpenAsync("/dev/mailbox", ct);
        var message = await browser.OpenAsync(mailbox.Document.QuerySelector("tbody a")!.GetAttribute("href")!, ct);

        using var html = await browser.Client.GetAsync(new Uri(message.Document.QuerySelector("main a.button")!.GetAttribute("href")!, UriKind.Relative), ct);
        var body = await html.Content.ReadAsStringAsync(ct);
        var policy = html.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Klik hier om uw Sigma Personeelsdiensten-account te bevestigen", body, StringComparison.Ordinal);
        Assert.Equal(Sigma.Portal.Infrastructure.Security.SecurityHeadersMiddleware.SandboxedDocumentPolicy, policy);
        Assert.StartsWith("sandbox;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,", body, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevMailbox_InProduction_DoesNotExist()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();

        var page = await app.NewBrowser().OpenAsync("/dev/mailbox", ct);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
