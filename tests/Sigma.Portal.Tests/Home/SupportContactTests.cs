using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Home;

/// <summary>How to reach Sigma, from configuration: under every page, on the error pages and under every email.</summary>
public sealed class SupportContactTests
{
    [Fact]
    public async Task Configured_ShowsUnderPagesErrorPagesAndEmails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        app.Settings["Support:Email"] = "portaal@voorbeeld.nl";
        app.Settings["Support:Phone"] = "+31 (0)20 123-4567";
        app.Settings["Support:Hours"] = "ma–vr 8.00–17.30";
        await app.InitializeAsync();
        var browser = app.NewBrowser();

        var login = await browser.OpenAsync("/Account/Login", ct);
        var missing = await browser.OpenAsync("/no/such/page", ct);
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var mail = await (await SmtpSink.Shared).NextMessageAsync(account.Email, ct);

        Assert.Equal("mailto:portaal@voorbeeld.nl", login.Document.QuerySelector(".site-footer .support-contact a")!.GetAttribute("href"));
        Assert.Equal("tel:+310201234567", login.Document.QuerySelectorAll(".site-footer .support-contact a")[1].GetAttribute("href"));
        Assert.Contains("bereikbaar ma–vr 8.00–17.30", login.Text(".site-footer .support-contact"), StringComparison.Ordinal);
        Assert.True(missing.Has("main .support-contact"));
        Assert.Contains("Vragen? Neem contact op met Sigma: portaal@voorbeeld.nl · +31 (0)20 123-4567 · bereikbaar ma–vr 8.00–17.30", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("portaal@voorbeeld.nl", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotConfigured_ShowsNoContactAtAll()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();

        var login = await app.NewBrowser().OpenAsync("/Account/Login", ct);

        Assert.False(login.Has(".support-contact"));
    }

    [Fact]
    public async Task SignedIn_TheHeaderSaysWho()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).WithName("Jan Jansen").WithAuthenticatorAsync(ct);

        var home = await app.NewBrowser().SignInAsync(app, account, ct);

        Assert.Equal("Jan Jansen", home.Text(".site-header .signed-in-as"));
    }
}
