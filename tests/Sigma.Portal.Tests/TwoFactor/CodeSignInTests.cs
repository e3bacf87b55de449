using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.TwoFactor;

public sealed class CodeSignInTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SignIn_WithPasswordAndCode_OpensThePortal()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();

        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var home = await browser.EnterCodeAsync(app, verify, account.AuthenticatorKey!, ct);

        Assert.Equal("/TwoFactor/Verify", verify.Url.AbsolutePath);
        Assert.Equal("Vul uw code in", verify.Text("h1"));
        // The entry to use, as the app lists it: a person with two accounts has two.
        Assert.Equal($"Sigma Personeelsdiensten: {account.Email} (Werknemer)", verify.Text(".authenticator-entry strong"));
        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
    }

    [Fact]
    public async Task BetweenPasswordAndCode_TheHeaderOffersOnlyHelpAndCancel_WhichForgetsThePasswordStep()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        var links = verify.Document.QuerySelectorAll(".site-nav a").Select(a => a.GetAttribute("href")).ToList();
        var cancelled = await browser.SubmitAsync(verify, "form.cancel-sign-in", new Dictionary<string, string>(), ct);
        using var again = await browser.Client.GetAsync(new Uri("/TwoFactor/Verify", UriKind.Relative), ct);

        Assert.Equal(["/help"], links);
        Assert.False(verify.Has("form.sign-out"));
        Assert.Equal("Inloggen is afgebroken. U bent niet ingelogd.", cancelled.Text(".notice"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/Account/Login", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task PasswordAlone_OpensNoPortalPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        using var home = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);
        using var settings = await browser.Client.GetAsync(new Uri("/Settings", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task SignIn_CodeReplayedInSameTimeStep_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = TestTotp.CodeAt(account.AuthenticatorKey!, app.Clock.GetUtcNow());
        var first = app.NewBrowser();
        var second = app.NewBrowser();
        var firstVerify = await first.PasswordStepAsync(account.Email, account.Password!, ct);
        var secondVerify = await second.PasswordStepAsync(account.Email, account.Password!, ct);

        var home = await first.SubmitAsync(firstVerify, "form.code-form", new Dictionary<string, string> { ["Code"] = code }, ct);
        var replay = await second.SubmitAsync(secondVerify, "form.code-form", new Dictionary<string, string> { ["Code"] = code }, ct);

        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
        Assert.Equal("/TwoFactor/Verify", replay.Url.AbsolutePath);
        Assert.StartsWith("Deze code klopt niet of is al gebruikt", replay.Text("[data-valmsg-for=Code]"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task SignIn_OneCodeSentFromTwentyBrowsersAtOnce_OpensOneSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browsers = Enumerable.Range(0, 20).Select(_ => app.NewBrowser()).ToList();
        var pages = new List<Page>();
        foreach (var browser in browsers)
        {
            pages.Add(await browser.PasswordStepAsync(account.Email, account.Password!, ct));
        }

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = TestTotp.CodeAt(account.AuthenticatorKey!, app.Clock.GetUtcNow());
        var responses = await Task.WhenAll(browsers.Select((browser, i) =>
            browser.PostFormAsync(pages[i], "form.code-form", new Dictionary<string, string> { ["Code"] = code }, ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task SignIn_TenWrongCodes_LocksTheAccountAndSaysSoAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var pages = new List<Page>();

        for (var attempt = 0; attempt < 10; attempt++)
        {
            pages.Add(await browser.SubmitAsync(verify, "form.code-form", new Dictionary<string, string> { ["Code"] = "000000" }, ct));
        }

        var rightCode = await browser.EnterCodeAsync(app, verify, account.AuthenticatorKey!, ct);
        var password = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);

        Assert.All(pages.Take(9), p => Assert.Equal("Vul uw code in", p.Text("h1")));
        Assert.Equal("Account tijdelijk geblokkeerd", pages[9].Text("h1"));
        Assert.Equal("Account tijdelijk geblokkeerd", rightCode.Text("h1"));
        Assert.Equal("Inloggen", password.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task SignIn_WrongPasswordsAndWrongCodes_CountTogether()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.NewBrowser().PasswordStepAsync(account.Email, $"fout wachtwoord {attempt}", ct);
        }

        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        Page last = verify;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last = await browser.SubmitAsync(verify, "form.code-form", new Dictionary<string, string> { ["Code"] = "999999" }, ct);
        }

        Assert.Equal("Account tijdelijk geblokkeerd", last.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task SignIn_Completed_StartsTheCountAgainEndsTheLockoutRunAndRecordsWhen()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await app.NewBrowser().PasswordStepAsync(account.Email, $"fout wachtwoord {attempt}", ct);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await app.NewBrowser().PasswordStepAsync(account.Email, "nog een fout wachtwoord", ct);
        var before = await LockoutStateAsync(account.Id, ct);
        var browser = app.NewBrowser();
        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var afterPassword = await LockoutStateAsync(account.Id, ct);
        await browser.EnterCodeAsync(app, verify, account.AuthenticatorKey!, ct);
        var after = await LockoutStateAsync(account.Id, ct);

        Assert.Equal((1, 1, true, (DateTime?)null), before);
        // The password alone starts nothing again: someone who knows it but not the code keeps counting toward lockout.
        Assert.Equal(before, afterPassword);
        Assert.Equal((0, 0, false, (DateTime?)app.Clock.GetUtcNow().UtcDateTime), after);
    }

    [Fact]
    public async Task SignIn_PasswordStepOlderThanItsLifetime_StartsOver()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var page = await browser.EnterCodeAsync(app, verify, account.AuthenticatorKey!, ct);

        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
    }

    private Task<(int Failures, int LockoutsInARow, bool LockoutEndSet, DateTime? LastSignIn)> LockoutStateAsync(Guid id, CancellationToken ct) =>
        app.WithScopeAsync(async s => await s.GetRequiredService<PortalDbContext>().Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new ValueTuple<int, int, bool, DateTime?>(u.AccessFailedCount, u.ConsecutiveLockouts, u.LockoutEnd != null, u.LastSignInUtc))
            .SingleAsync(ct));
}
