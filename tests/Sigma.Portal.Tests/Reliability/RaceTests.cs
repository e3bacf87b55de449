using System.Net;
using System.Web;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Reliability;

/// <summary>Twenty requests at once with one single-use secret: exactly one succeeds.</summary>
public sealed class RaceTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    [Trait("Attack", "Race")]
    public async Task ActivationLink_UsedByTwentyRequestsAtOnce_SetsOnePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        var results = await SubmitTwentyAsync(account.ActivationLink, "/Account/Activate", ct);

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(19, results.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    [Trait("Attack", "Race")]
    public async Task ResetLink_UsedByTwentyRequestsAtOnce_SetsOnePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        var browser = app.NewBrowser();
        var form = await browser.OpenAsync("/Account/ForgotPassword", ct);
        await browser.SubmitAsync(form, "form.request-link", new Dictionary<string, string> { ["Email"] = account.Email }, ct);
        var link = SmtpSink.LinkIn(await smtp.NextMessageAsync(account.Email, ct), "/Account/ResetPassword");

        var results = await SubmitTwentyAsync(link, "/Account/ResetPassword", ct);

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Redirect));
    }

    private async Task<HttpResponseMessage[]> SubmitTwentyAsync(Uri link, string action, CancellationToken ct)
    {
        var query = HttpUtility.ParseQueryString(link.Query);
        var browsers = new List<(PortalBrowser Browser, Page Page)>();
        for (var i = 0; i < 20; i++)
        {
            var browser = app.NewBrowser();
            browsers.Add((browser, await browser.OpenAsync("/Account/ForgotPassword", ct)));
        }

        return await Task.WhenAll(browsers.Select(async b =>
        {
            var password = AccountBuilder.NewPassword();
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = b.Page.Document.QuerySelector("form.request-link input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["User"] = query["user"]!,
                ["Token"] = query["token"]!,
                ["Password"] = password,
                ["ConfirmPassword"] = password,
            });
            return await b.Browser.Client.PostAsync(new Uri(action, UriKind.Relative), content, ct);
        }));
    }
}
