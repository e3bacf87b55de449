using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Sessions;

public sealed class SessionTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private const string SessionCookie = "__Host-Sigma.Session";

    [Fact]
    [Trait("Attack", "SessionReplay")]
    public async Task SignOut_CopyOfTheCookieTakenBefore_OpensNothingAfterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var copy = await SignInCapturingCookieAsync(browser, person, ct);

        using var before = await app.GetWithCookiesAsync("/", $"{SessionCookie}={copy}", ct);
        await browser.SignOutAsync(ct);
        using var after = await app.GetWithCookiesAsync("/", $"{SessionCookie}={copy}", ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_CarriesOnlyASessionReference()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithName("Een Naam Die Niet In De Cookie Hoort").WithAuthenticatorAsync(ct);

        var cookie = await SignInCapturingCookieAsync(app.NewBrowser(), person, ct);

        Assert.True(cookie.Length < 600, $"cookie of {cookie.Length} characters");
    }

    [Fact]
    [Trait("Attack", "SessionFixation")]
    public async Task SignIn_Again_StartsANewSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();

        var first = await SignInCapturingCookieAsync(browser, person, ct);
        var second = await SignInCapturingCookieAsync(browser, person, ct);
        using var old = await app.GetWithCookiesAsync("/", $"{SessionCookie}={first}", ct);

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task Session_IdleLongerThanThirtyMinutes_Ends()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        using var active = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
    }

    [Fact]
    public async Task Session_OlderThanTwelveHours_EndsEvenWhenInUse()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);
        var statuses = new List<HttpStatusCode>();

        for (var step = 0; step < 37; step++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            using var response = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(35), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.Redirect, statuses[^1]);
    }

    [Fact]
    public async Task Settings_ListTheSessionsAndSignOutEverywhereElse()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var phone = app.NewBrowser();
        phone.Client.DefaultRequestHeaders.UserAgent.ParseAdd("PhoneBrowser/2.0");
        await phone.SignInAsync(app, person, ct);
        var laptop = app.NewBrowser();
        laptop.Client.DefaultRequestHeaders.UserAgent.ParseAdd("LaptopBrowser/1.0");
        await laptop.SignInAsync(app, person, ct);

        var list = await laptop.OpenAsync("/Settings/Sessions", ct);
        var after = await laptop.SubmitAsync(list, "form.sign-out-others", new Dictionary<string, string>(), ct);
        using var phoneNow = await phone.Client.GetAsync(new Uri("/", UriKind.Relative), ct);
        using var laptopNow = await laptop.Client.GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Equal(2, list.Document.QuerySelectorAll("table.sessions tbody tr").Length);
        Assert.Contains("LaptopBrowser/1.0 (deze browser)", list.Text("table.sessions"), StringComparison.Ordinal);
        Assert.Contains("PhoneBrowser/2.0", list.Text("table.sessions"), StringComparison.Ordinal);
        Assert.Single(after.Document.QuerySelectorAll("table.sessions tbody tr"));
        Assert.Equal(HttpStatusCode.Redirect, phoneNow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, laptopNow.StatusCode);
    }

    private async Task<string> SignInCapturingCookieAsync(PortalBrowser browser, TestAccount person, CancellationToken ct)
    {
        var verify = await browser.PasswordStepAsync(person.Email, person.Password!, ct);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        using var response = await browser.PostFormAsync(verify, "form.code-form", new Dictionary<string, string>
        {
            ["Code"] = TestTotp.CodeAt(person.AuthenticatorKey!, app.Clock.GetUtcNow()),
        }, ct);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        return setCookie[(SessionCookie.Length + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }
}
