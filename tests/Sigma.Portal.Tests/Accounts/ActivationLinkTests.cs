using System.Security.Cryptography;
using System.Text;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

public sealed class ActivationLinkTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private const string Expired = "Deze link werkt niet meer";
    private const string AlreadyActive = "Uw account is al actief";

    [Fact]
    [Trait("Attack", "TokenTampering")]
    public async Task ActivationLink_Tampered_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var token = Token(account.ActivationLink);
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        var page = await app.NewBrowser().OpenAsync($"/Account/Activate?user={account.Id}&token={tampered}", ct);
        var post = await SetPasswordAsync(account.Id, tampered, ct);

        Assert.Equal(Expired, page.Text("h1"));
        Assert.Equal(Expired, post.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "TokenReplay")]
    public async Task ActivationLink_UsedTwice_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var token = Token(account.ActivationLink);
        var first = await SetPasswordAsync(account.Id, token, ct);

        var second = await SetPasswordAsync(account.Id, token, ct);
        var reopened = await app.NewBrowser().OpenAsync(account.ActivationLink.PathAndQuery, ct);

        Assert.Equal("/Account/Login", first.Url.AbsolutePath);
        // The second try sets nothing; the link's holder learns the account is active and where to sign in.
        Assert.Equal(AlreadyActive, second.Text("h1"));
        Assert.Equal(AlreadyActive, reopened.Text("h1"));
        Assert.False(reopened.Has("input[name=Password]"));
        Assert.True(reopened.Has("a.button[href='/Account/Login']"));
    }

    [Fact]
    public async Task ChoosePassword_TooShortAndNotEqual_SaysBothAtOnce_EachTiedToItsField()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var browser = app.NewBrowser();
        var form = await browser.OpenAsync(account.ActivationLink.PathAndQuery, ct);

        var page = await browser.SubmitAsync(form, "form.set-password", new Dictionary<string, string> { ["Password"] = "kort", ["ConfirmPassword"] = "anders" }, ct);
        var password = page.Document.QuerySelector("#Password")!;
        var confirm = page.Document.QuerySelector("#ConfirmPassword")!;

        Assert.Contains("te kort", page.Text("#Password-error"), StringComparison.Ordinal);
        Assert.Contains("niet gelijk", page.Text("#ConfirmPassword-error"), StringComparison.Ordinal);
        Assert.Contains("Password-error", password.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("password-hint", password.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("true", password.GetAttribute("aria-invalid"));
        Assert.Equal("ConfirmPassword-error", confirm.GetAttribute("aria-describedby"));
        Assert.Equal(2, page.Document.QuerySelectorAll(".validation-summary li").Length);
    }

    [Fact]
    [Trait("Attack", "AccountEnumeration")]
    public async Task ActivationLink_MadeUpForAnActiveAccount_SaysNothingAboutIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);

        var page = await app.NewBrowser().OpenAsync($"/Account/Activate?user={account.Id}&token={new string('A', 43)}", ct);

        Assert.Equal(Expired, page.Text("h1"));
    }

    [Fact]
    public async Task ActivationLink_AfterItsLifetime_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        var justInTime = await app.NewBrowser().OpenAsync(account.ActivationLink.PathAndQuery, ct);
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var late = await SetPasswordAsync(account.Id, Token(account.ActivationLink), ct);

        Assert.Equal("Kies uw wachtwoord", justInTime.Text("h1"));
        Assert.Equal(Expired, late.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "TokenTampering")]
    public async Task ActivationLink_OfAnotherAccount_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var victim = await new AccountBuilder(app).InvitedAsync(ct);
        var attacker = await new AccountBuilder(app).InvitedAsync(ct);

        var page = await SetPasswordAsync(victim.Id, Token(attacker.ActivationLink), ct);
        var stillValid = await app.NewBrowser().OpenAsync(attacker.ActivationLink.PathAndQuery, ct);

        Assert.Equal(Expired, page.Text("h1"));
        Assert.Equal("Kies uw wachtwoord", stillValid.Text("h1"));
    }

    [Fact]
    public async Task ActivationLink_ReplacedByANewOne_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        var browser = app.NewBrowser();
        var request = await browser.OpenAsync("/Account/ResendActivation", ct);

        var sent = await browser.SubmitAsync(request, "form.request-link", new Dictionary<string, string> { ["Email"] = account.Email }, ct);
        var fresh = SmtpSink.LinkIn(await smtp.NextMessageAsync(account.Email, ct), "/Account/Activate");
        var old = await app.NewBrowser().OpenAsync(account.ActivationLink.PathAndQuery, ct);
        var current = await app.NewBrowser().OpenAsync(fresh.PathAndQuery, ct);

        Assert.Equal("Kijk in uw e-mail", sent.Text("h1"));
        Assert.Equal(Expired, old.Text("h1"));
        Assert.Equal("Kies uw wachtwoord", current.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "AccountEnumeration")]
    public async Task ResendActivation_UnknownEmail_LooksTheSameAndSendsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var pending = await new AccountBuilder(app).InvitedAsync(ct);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.example";

        var known = await RequestAsync("/Account/ResendActivation", pending.Email, ct);
        var stranger = await RequestAsync("/Account/ResendActivation", unknown, ct);

        Assert.Equal(known.Status, stranger.Status);
        Assert.Equal(known.Text("main"), stranger.Text("main"));
        Assert.Empty((await SmtpSink.Shared).AllFor(unknown));
    }

    [Fact]
    [Trait("Attack", "HostHeaderPoisoning")]
    public async Task EmailLinks_WithForgedHostAndForwardedHeaders_PointAtThePublicAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        var browser = app.NewBrowser();
        var form = await browser.OpenAsync("/Account/ResendActivation", ct);
        browser.Client.DefaultRequestHeaders.Host = "portal.test:8443";
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");

        await browser.SubmitAsync(form, "form.request-link", new Dictionary<string, string> { ["Email"] = account.Email }, ct);
        var link = SmtpSink.LinkIn(await smtp.NextMessageAsync(account.Email, ct), "/Account/Activate");

        Assert.Equal("https://portal.test/Account/Activate", link.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task ActivationToken_AtRest_IsOnlyAKeyedHash()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var token = Token(account.ActivationLink);

        var stored = await app.WithScopeAsync(services =>
            services.GetRequiredService<PortalDbContext>().AccountTokens.AsNoTracking().SingleAsync(t => t.UserId == account.Id, ct));
        var outbox = await app.WithScopeAsync(services =>
            services.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking().Where(m => m.ToAddress == account.Email).ToListAsync(ct));
        var file = await File.ReadAllBytesAsync(app.DatabasePath, ct);

        Assert.NotEqual(token, stored.TokenHash);
        Assert.NotEqual(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.TokenHash);
        Assert.All(outbox, m => Assert.DoesNotContain(token, m.ProtectedTextBody + m.ProtectedHtmlBody, StringComparison.Ordinal));
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Attack", "AccountEnumeration")]
    public async Task ChoosePassword_WithAnAccountIdButNoWorkingLink_SaysNothingAboutTheAccount(bool confirmMatches)
    {
        var ct = TestContext.Current.CancellationToken;
        var victim = await new AccountBuilder(app).WithName("Marieke Vermeulen").InvitedAsync(ct);
        // A guess at the address inside the password: the personal-data rule would say "contains your email".
        var guess = victim.Email + " en nog wat";

        var page = await SetPasswordAsync(victim.Id, new string('A', 43), ct, guess, confirmMatches ? guess : "iets anders");

        Assert.Equal(Expired, page.Text("h1"));
        Assert.DoesNotContain(victim.Email, page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Vermeulen", page.Html, StringComparison.Ordinal);
        Assert.False(page.Has(".field-validation-error"));
    }

    private async Task<Page> SetPasswordAsync(Guid user, string token, CancellationToken ct, string? password = null, string? confirm = null)
    {
        password ??= AccountBuilder.NewPassword();
        var browser = app.NewBrowser();
        var page = await browser.OpenAsync("/Account/ResendActivation", ct);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["User"] = user.ToString(),
            ["Token"] = token,
            ["Password"] = password,
            ["ConfirmPassword"] = confirm ?? password,
        });
        var response = await browser.Client.PostAsync(new Uri("/Account/Activate", UriKind.Relative), content, ct);
        return await browser.FollowAsync(response, ct);
    }

    private async Task<Page> RequestAsync(string path, string email, CancellationToken ct)
    {
        var browser = app.NewBrowser();
        var form = await browser.OpenAsync(path, ct);
        return await browser.SubmitAsync(form, "form.request-link", new Dictionary<string, string> { ["Email"] = email }, ct);
    }

    private static string Token(Uri link) => HttpUtility.ParseQueryString(link.Query)["token"]!;
}
