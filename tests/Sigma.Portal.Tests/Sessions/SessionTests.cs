using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sigma.Portal.Data;
using Sigma.Portal.Sessions;
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
    public async Task SignIn_Again_StartsANewSessionAndEndsTheOldOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();

        var first = await SignInCapturingCookieAsync(browser, person, ct);
        var second = await SignInCapturingCookieAsync(browser, person, ct);
        using var old = await app.GetWithCookiesAsync("/", $"{SessionCookie}={first}", ct);
        using var current = await app.GetWithCookiesAsync("/", $"{SessionCookie}={second}", ct);

        Assert.NotEqual(SessionIdIn(first), SessionIdIn(second));
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    /// <summary>
    /// A shared computer: Bob's session cookie is left in (or planted into) the browser where an administrator then
    /// signs in. The administrator's sign-in must not land in Bob's session, which Bob's copy of the cookie still opens.
    /// </summary>
    [Fact]
    [Trait("Attack", "SessionFixation")]
    public async Task SignIn_InABrowserCarryingAnotherPersonsSession_StartsItsOwnAndEndsTheCarriedOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var bob = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var administrator = await new AccountBuilder(app).AsAdministrator().WithAuthenticatorAsync(ct);
        var planted = await SignInCapturingCookieAsync(app.NewBrowser(), bob, ct);
        var shared = app.NewBrowser();
        shared.SetCookie(SessionCookie, planted);

        var own = await SignInCapturingCookieAsync(shared, administrator, ct);
        using var bobsCopy = await app.GetWithCookiesAsync("/Admin/Accounts", $"{SessionCookie}={planted}", ct);
        var sessions = await shared.OpenAsync("/Settings/Sessions", ct);
        var rows = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().UserSessions.AsNoTracking()
            .Where(x => x.Id == SessionIdIn(planted) || x.Id == SessionIdIn(own)).ToListAsync(ct));

        Assert.NotEqual(SessionIdIn(planted), SessionIdIn(own));
        Assert.Equal(HttpStatusCode.Redirect, bobsCopy.StatusCode);
        Assert.StartsWith("/Account/Login", bobsCopy.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(administrator.Id, Assert.Single(rows, r => r.Id == SessionIdIn(own)).UserId);
        Assert.Null(rows.Single(r => r.Id == SessionIdIn(own)).RevokedUtc);
        Assert.Equal(bob.Id, Assert.Single(rows, r => r.Id == SessionIdIn(planted)).UserId);
        Assert.NotNull(rows.Single(r => r.Id == SessionIdIn(planted)).RevokedUtc);
        Assert.Contains("(deze browser)", sessions.Text("table.sessions"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "SessionFixation")]
    public async Task Reauthentication_StartsANewSession_ACopyOfTheOldCookieOpensNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var copy = await SignInCapturingCookieAsync(browser, person, ct);
        var confirm = await browser.OpenAsync("/Settings/TwoFactor/Confirm?next=RecoveryCodes", ct);
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var unlocked = await browser.SubmitAsync(confirm, "form.confirm-form", new Dictionary<string, string>
        {
            ["Password"] = person.Password!,
            ["Code"] = TestTotp.CodeAt(person.AuthenticatorKey!, app.Clock.GetUtcNow()),
        }, ct);
        using var oldCopy = await app.GetWithCookiesAsync("/Settings", $"{SessionCookie}={copy}", ct);
        using var stillSignedIn = await browser.Client.GetAsync(new Uri("/Settings", UriKind.Relative), ct);

        Assert.Equal(10, unlocked.Document.QuerySelectorAll("ol.recovery-codes code").Length);
        Assert.Equal(HttpStatusCode.Redirect, oldCopy.StatusCode);
        Assert.StartsWith("/Account/Login", oldCopy.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    [Trait("Attack", "SessionFixation")]
    public async Task SessionStore_RenewedWithAnotherAccountsTicket_KeepsItsOwnAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var bob = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var other = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var key = SessionIdIn(await SignInCapturingCookieAsync(app.NewBrowser(), bob, ct)).ToString("N");
        var store = app.Services.GetRequiredService<DatabaseTicketStore>();
        var foreign = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, other.Id.ToString())], "test")),
            IdentityConstants.ApplicationScheme);

        await store.RenewAsync(key, foreign);
        var stored = await store.RetrieveAsync(key);

        Assert.Equal(bob.Id.ToString(), stored!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
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
        var thisBrowser = list.Document.QuerySelectorAll("table.sessions details.device").Single(d => d.QuerySelector(".user-agent")!.TextContent == "LaptopBrowser/1.0");
        Assert.EndsWith("(deze browser)", thisBrowser.QuerySelector("summary")!.TextContent.Trim(), StringComparison.Ordinal);
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
        // The last one: a browser that carried a session is first told to drop it.
        var setCookie = response.Headers.GetValues("Set-Cookie").Last(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        return setCookie[(SessionCookie.Length + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>The server-side session a session cookie names, read as the portal reads it.</summary>
    private Guid SessionIdIn(string cookie)
    {
        var format = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var key = format.Unprotect(cookie)!.Principal.FindFirst("Microsoft.AspNetCore.Authentication.Cookies-SessionId")!.Value;
        return Guid.ParseExact(key, "N");
    }
}
