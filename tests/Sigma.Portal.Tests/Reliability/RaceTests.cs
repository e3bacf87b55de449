using System.Net;
using System.Web;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Reliability;

/// <summary>
/// Twenty requests at once with one single-use secret: exactly one succeeds. The others are refused in a way a person
/// can act on — the "link no longer works" page, or the busy page with Retry-After when the machine is too slow to
/// hash them all in time — never a server error and never a second password. How many of each depends on the
/// machine's speed, so that is not asserted.
/// </summary>
public sealed class RaceTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private static readonly string[] RefusedHeadings = ["Deze link werkt niet meer", "Uw account is al actief"];

    [Fact]
    [Trait("Attack", "Race")]
    public async Task ActivationLink_UsedByTwentyRequestsAtOnce_SetsOnePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        var results = await SubmitTwentyAsync(account.ActivationLink, "/Account/Activate", ct);

        await AssertOneSuccessAndActionableRefusalsAsync(account.Email, results, ct);
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

        await AssertOneSuccessAndActionableRefusalsAsync(account.Email, results, ct);
    }

    private async Task AssertOneSuccessAndActionableRefusalsAsync(string email, IReadOnlyList<Attempt> results, CancellationToken ct)
    {
        var winner = Assert.Single(results, r => r.Response.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in results.Where(r => r != winner))
        {
            if (refused.Response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(refused.Response.Headers.RetryAfter is not null, "a busy answer says when to try again");
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, refused.Response.StatusCode);
            var page = await refused.Browser.FollowAsync(refused.Response, ct);
            // A spent activation link of an account that is active by now says so; before that, that the link is spent.
            Assert.Contains(page.Text("h1"), RefusedHeadings);
        }

        var signIn = await app.NewBrowser().PasswordStepAsync(email, winner.Password, ct);
        Assert.NotEqual("/Account/Login", signIn.Url.AbsolutePath);
    }

    private sealed record Attempt(PortalBrowser Browser, string Password, HttpResponseMessage Response);

    private async Task<Attempt[]> SubmitTwentyAsync(Uri link, string action, CancellationToken ct)
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
            return new Attempt(b.Browser, password, await b.Browser.Client.PostAsync(new Uri(action, UriKind.Relative), content, ct));
        }));
    }
}
