using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.LostPhone;

namespace Sigma.Portal.Tests.Security;

/// <summary>
/// Every place that takes a return URL, on Kestrel: a real server refuses a Location it cannot send (non-ASCII, control
/// characters) and a request line it cannot read (several KB), where the in-memory server lets both pass. Whatever the
/// return URL, each step answers a redirect a browser can follow, on the portal, and a code is never used up without
/// the session it was entered for. (A raw NUL never gets this far: the framework refuses a form that carries one.)
/// </summary>
public sealed class ReturnUrlTests(KestrelPortal portal) : IClassFixture<KestrelPortal>
{
    private const string SessionCookie = "__Host-Sigma.Session";

    private static readonly Dictionary<string, string> Hostile = new(StringComparer.Ordinal)
    {
        ["non-ascii path"] = "/help/café",
        ["non-ascii only"] = "/é",
        ["non-ascii query and fragment"] = "/help?vraag=één twee#comments",
        ["crlf"] = "/help\r\nSet-Cookie: evil=1",
        ["encoded crlf"] = "/help%0d%0aSet-Cookie:%20evil=1",
        ["encoded nul"] = "/help%00x",
        ["tab"] = "/help\tx",
        ["several KB"] = "/help?" + new string('a', 5000),
        ["several KB non-ascii"] = "/help/" + string.Concat(Enumerable.Repeat("é", 1500)),
    };

    /// <summary>Addresses of pages that need a session, as a crafted link would give them (already encoded).</summary>
    private static readonly Dictionary<string, string> HostileAddresses = new(StringComparer.Ordinal)
    {
        ["non-ascii query"] = "/Settings?q=caf%C3%A9",
        ["encoded crlf"] = "/Settings?q=%0d%0aSet-Cookie:%20evil=1",
        ["bidi override and nul"] = "/Settings/?q=%E2%80%AE%00",
        ["several KB"] = "/Settings?q=" + new string('/', 3000),
    };

    public static TheoryData<string> Cases => [.. Hostile.Keys];

    public static TheoryData<string> AddressCases => [.. HostileAddresses.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Attack", "HostileInput")]
    public async Task LanguageSwitch_WithHostileReturnUrl_RedirectsWhereABrowserCanFollow(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = portal.NewBrowser();
        var page = await browser.OpenAsync("/help", ct);

        using var response = await browser.PostFormAsync(page, "form.language-switch",
            new Dictionary<string, string> { ["Language"] = "en", ["ReturnUrl"] = Hostile[name] }, ct);

        await AssertFollowableRedirectAsync(browser, response, ct);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Attack", "HostileInput")]
    public async Task SignIn_WithHostileReturnUrl_SetsTheSessionAndRedirectsWhereABrowserCanFollow(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithAuthenticatorAsync(ct);
        var browser = portal.NewBrowser();
        var verify = await PasswordStepAsync(browser, account, Hostile[name], ct);

        using var response = await PostCodeAsync(browser, verify, account, ct);

        Assert.Contains(SessionCookie + "=", browser.CookieHeader, StringComparison.Ordinal);
        await AssertFollowableRedirectAsync(browser, response, ct);
        var home = await browser.OpenAsync("/", ct);
        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Attack", "HostileInput")]
    public async Task SignIn_WithHostileReturnUrl_NeverUsesUpACodeWithoutASession(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithAuthenticatorAsync(ct);
        var browser = portal.NewBrowser();
        var verify = await PasswordStepAsync(browser, account, Hostile[name], ct);
        var stepBefore = await LastAcceptedStepAsync(account.Id, ct);

        using (await PostCodeAsync(browser, verify, account, ct))
        {
        }

        var codeUsed = await LastAcceptedStepAsync(account.Id, ct) > stepBefore;
        using var home = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);
        var signedIn = home.StatusCode == HttpStatusCode.OK;
        Assert.Equal(codeUsed, signedIn);
        Assert.True(signedIn, $"{name}: no session");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Attack", "HostileInput")]
    public async Task ChooseAccount_WithHostileReturnUrl_RedirectsWhereABrowserCanFollow(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var password = AccountBuilder.NewPassword();
        var employee = await new AccountBuilder(portal.App).ActivatedAsync(ct, password);
        await new AccountBuilder(portal.App).WithEmail(employee.Email).AsEmployer().ActivatedAsync(ct, password);
        var browser = portal.NewBrowser();
        var chooser = await PasswordStepAsync(browser, employee, Hostile[name], ct);
        var stranger = portal.NewBrowser();
        var strangersLogin = await stranger.OpenAsync("/Account/Login", ct);

        using var chosen = await browser.PostFormAsync(chooser, "main form", new Dictionary<string, string> { ["AccountType"] = "Employer" }, ct);
        using var expired = await stranger.PostFormAsync(chooser, "main form", new Dictionary<string, string>
        {
            ["AccountType"] = "Employer",
            ["__RequestVerificationToken"] = Token(strangersLogin),
        }, ct);

        Assert.Equal("Kies uw account", chooser.Text("h1"));
        await AssertFollowableRedirectAsync(browser, chosen, ct);
        await AssertFollowableRedirectAsync(stranger, expired, ct);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Attack", "HostileInput")]
    public async Task Recovery_WithHostileReturnUrl_SetsTheSessionAndRedirectsWhereABrowserCanFollow(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithAuthenticatorAsync(ct);
        var browser = portal.NewBrowser();
        var verify = await PasswordStepAsync(browser, account, Hostile[name], ct);
        var recovery = await browser.OpenAsync(verify.Document.QuerySelector("a[href^='/TwoFactor/Recovery']")!.GetAttribute("href")!, ct);

        using var response = await browser.PostFormAsync(recovery, "form.recovery-form",
            new Dictionary<string, string> { ["RecoveryCode"] = account.RecoveryCodes[0] }, ct);

        Assert.Contains(SessionCookie + "=", browser.CookieHeader, StringComparison.Ordinal);
        await AssertFollowableRedirectAsync(browser, response, ct);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Attack", "HostileInput")]
    public async Task Setup_WithHostileReturnUrl_LeadsOnToALinkABrowserCanFollow(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).ActivatedAsync(ct);
        var browser = portal.NewBrowser();
        var setup = await PasswordStepAsync(browser, account, Hostile[name], ct);

        var (codes, _) = await browser.CompleteSetupAsync(portal.App, setup, ct);

        Assert.Equal("/TwoFactor/Setup", setup.Url.AbsolutePath);
        await AssertFollowableLinkAsync(browser, ContinueLink(codes), ct);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Attack", "HostileInput")]
    public async Task AccessPass_WithHostileReturnUrl_RedirectsToSetupAndLeadsOnToALinkABrowserCanFollow(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithAuthenticatorAsync(ct);
        var administrator = await new AccountBuilder(portal.App).AsAdministrator().InvitedAsync(ct);
        var pass = await portal.App.WithScopeAsync(s => s.GetRequiredService<TwoFactorReset>().ResetAsync(account.Id, administrator.Id, "Telefoon verloren", ct));
        var browser = portal.NewBrowser();
        var passPage = await PasswordStepAsync(browser, account, Hostile[name], ct);

        using var response = await browser.PostFormAsync(passPage, "form.access-pass-form", new Dictionary<string, string> { ["AccessPass"] = pass! }, ct);
        await AssertFollowableRedirectAsync(browser, response, ct);
        var setup = await browser.OpenAsync(response.Headers.Location!.OriginalString, ct);
        var (codes, _) = await browser.CompleteSetupAsync(portal.App, setup, ct);

        Assert.Equal("/TwoFactor/AccessPass", passPage.Url.AbsolutePath);
        Assert.Equal("/TwoFactor/Setup", setup.Url.AbsolutePath);
        await AssertFollowableLinkAsync(browser, ContinueLink(codes), ct);
    }

    [Theory]
    [MemberData(nameof(AddressCases))]
    [Trait("Attack", "HostileInput")]
    public async Task RedirectToLogin_FromAHostileAddress_CanBeFollowed(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var path = HostileAddresses[name];
        var employee = await new AccountBuilder(portal.App).WithAuthenticatorAsync(ct);
        var signedIn = portal.NewBrowser();
        await signedIn.SignInAsync(portal.App, employee, ct);
        var anonymous = portal.NewBrowser();

        using var toLogin = await anonymous.Client.GetAsync(new Uri(path, UriKind.Relative), ct);
        using var denied = await signedIn.Client.GetAsync(new Uri(path.Replace("/Settings", "/Admin/Accounts", StringComparison.Ordinal), UriKind.Relative), ct);

        Assert.StartsWith("/Account/Login", toLogin.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        await AssertFollowableRedirectAsync(anonymous, toLogin, ct);
    }

    /// <summary>The login form with the return URL in its hidden field, as a crafted link or form would bring it.</summary>
    private static async Task<Page> PasswordStepAsync(PortalBrowser browser, TestAccount account, string returnUrl, CancellationToken ct)
    {
        var login = await browser.OpenAsync("/Account/Login", ct);
        return await browser.SubmitAsync(login, "form.login-form", new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password!,
            ["ReturnUrl"] = returnUrl,
        }, ct);
    }

    private async Task<HttpResponseMessage> PostCodeAsync(PortalBrowser browser, Page verify, TestAccount account, CancellationToken ct)
    {
        portal.App.Clock.Advance(TimeSpan.FromSeconds(30));
        return await browser.PostFormAsync(verify, "form.code-form",
            new Dictionary<string, string> { ["Code"] = TestTotp.CodeAt(account.AuthenticatorKey!, portal.App.Clock.GetUtcNow()) }, ct);
    }

    private Task<long> LastAcceptedStepAsync(Guid userId, CancellationToken ct) => portal.App.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().Authenticators.AsNoTracking().Where(a => a.UserId == userId).MaxAsync(a => a.LastAcceptedStep, ct));

    private static string ContinueLink(Page recoveryCodes) =>
        recoveryCodes.Document.QuerySelector(".actions a.button:not(.button--secondary)")!.GetAttribute("href")!;

    private static async Task AssertFollowableRedirectAsync(PortalBrowser browser, HttpResponseMessage response, CancellationToken ct)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await AssertFollowableLinkAsync(browser, response.Headers.Location!.OriginalString, ct);
    }

    /// <summary>On the portal, only characters a header may carry, and the page behind it answers.</summary>
    private static async Task AssertFollowableLinkAsync(PortalBrowser browser, string location, CancellationToken ct)
    {
        Assert.Matches(@"^/(?![/\\])[\x21-\x7E]*$", location);
        using var followed = await browser.Client.GetAsync(new Uri(location, UriKind.Relative), ct);
        Assert.True(
            (int)followed.StatusCode < 500 && followed.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong or HttpStatusCode.RequestHeaderFieldsTooLarge),
            $"{location[..Math.Min(location.Length, 80)]}: {(int)followed.StatusCode}");
    }

    private static string Token(Page page) => page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
