using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.LostPhone;

namespace Sigma.Portal.Tests.Administration;

public sealed class TwoFactorResetTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task LostPhone_ResetByAdministrator_EndsSessionsAndNeedsTheAccessPassToSetUpAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(person.Email, ct);
        await smtp.NextMessageAsync(person.Email, ct);
        var personsSession = app.NewBrowser();
        await personsSession.SignInAsync(app, person, ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var issued = await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon verloren; teruggebeld op bekend nummer", ct);
        var pass = issued.Text("#access-pass");
        var mail = await smtp.NextMessageAsync(person.Email, ct);
        using var oldSession = await personsSession.Client.GetAsync(new Uri("/", UriKind.Relative), ct);
        var stale = app.NewBrowser();
        var staleStep = await stale.PasswordStepAsync(person.Email, person.Password!, ct);
        var oldCode = await stale.EnterCodeAsync(app, await stale.OpenAsync("/TwoFactor/Verify", ct), person.AuthenticatorKey!, ct);
        var browser = app.NewBrowser();
        var passPage = await browser.PasswordStepAsync(person.Email, person.Password!, ct);
        var sneakySetup = await browser.OpenAsync("/TwoFactor/Setup", ct);
        var setup = await browser.SubmitAsync(passPage, "form.access-pass-form", new Dictionary<string, string> { ["AccessPass"] = pass.ToLowerInvariant() }, ct);
        var reused = await UsePassAsync(person, pass, ct);
        var (codes, newKey) = await browser.CompleteSetupAsync(app, setup, ct);
        var events = await admin.Browser.OpenAsync($"/Admin/Audit?Account={Uri.EscapeDataString(person.Email)}", ct);

        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", pass);
        Assert.Equal("Uw tweestapsverificatie is opnieuw ingesteld (Werknemer)", mail.Subject);
        Assert.DoesNotContain(pass, mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, oldSession.StatusCode);
        Assert.Equal("/TwoFactor/AccessPass", staleStep.Url.AbsolutePath);
        Assert.Equal("/TwoFactor/Verify", oldCode.Url.AbsolutePath);
        Assert.StartsWith("Deze code klopt niet", oldCode.Text("[data-valmsg-for=Code]"), StringComparison.Ordinal);
        Assert.Equal("/TwoFactor/AccessPass", passPage.Url.AbsolutePath);
        Assert.Equal("/TwoFactor/AccessPass", sneakySetup.Url.AbsolutePath);
        Assert.Equal("/TwoFactor/Setup", setup.Url.AbsolutePath);
        Assert.Equal(10, codes.Document.QuerySelectorAll("ol.recovery-codes code").Length);
        Assert.NotEqual(person.AuthenticatorKey, newKey);
        Assert.Equal("/TwoFactor/AccessPass", reused.Url.AbsolutePath);
        Assert.StartsWith("Deze toegangscode klopt niet", reused.Text("[data-valmsg-for=AccessPass]"), StringComparison.Ordinal);
        var table = events.Text("table.security-events");
        Assert.Contains("Tweestapsverificatie opnieuw ingesteld door Sigma", table, StringComparison.Ordinal);
        Assert.Contains("Telefoon verloren", table, StringComparison.Ordinal);
        Assert.Contains(admin.Account.Email, table, StringComparison.Ordinal);
        Assert.Contains("Toegangscode gebruikt", table, StringComparison.Ordinal);
        Assert.Contains("Tweestapsverificatie ingesteld", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LostPhone_Reset_RemovesTheAccountsPasskeys_AndNoOneElses()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var bystander = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        await AddPasskeyAsync(person, ct);
        await AddPasskeyAsync(bystander, ct);
        var admin = await AdminSession.StartAsync(app, ct);

        await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon verloren; teruggebeld op bekend nummer", ct);

        Assert.Equal(0, await PasskeyCountAsync(person));
        Assert.Equal(1, await PasskeyCountAsync(bystander));
    }

    private Task<bool> AddPasskeyAsync(TestAccount account, CancellationToken ct) => app.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(account.Id.ToString()))!;
        var passkey = new UserPasskeyInfo(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), [9], app.Clock.GetUtcNow(), 0, null, true, false, false, [1], [2]) { Name = "Telefoon" };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        return true;
    });

    private Task<int> PasskeyCountAsync(TestAccount account) => app.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        return (await users.GetPasskeysAsync((await users.FindByIdAsync(account.Id.ToString()))!)).Count;
    });

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task AccessPass_WrongExpiredOrReused_IsRefusedAndCountsTowardLockout()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var pass = (await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon gestolen", ct)).Text("#access-pass");

        var wrong = await UsePassAsync(person, "AAAA-BBBB-CCCC", ct);
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var expired = await UsePassAsync(person, pass, ct);
        var failures = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == person.Id).Select(u => u.AccessFailedCount).SingleAsync(ct));

        Assert.Equal("/TwoFactor/AccessPass", wrong.Url.AbsolutePath);
        Assert.StartsWith("Deze toegangscode klopt niet", wrong.Text("[data-valmsg-for=AccessPass]"), StringComparison.Ordinal);
        Assert.StartsWith("Deze toegangscode klopt niet", expired.Text("[data-valmsg-for=AccessPass]"), StringComparison.Ordinal);
        Assert.Equal(2, failures);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task AccessPass_SentFromTwentyBrowsersAtOnce_WorksOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var pass = (await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon kwijt", ct)).Text("#access-pass");
        var browsers = Enumerable.Range(0, 20).Select(_ => app.NewBrowser()).ToList();
        var pages = new List<Page>();
        foreach (var browser in browsers)
        {
            pages.Add(await browser.PasswordStepAsync(person.Email, person.Password!, ct));
        }

        var responses = await Task.WhenAll(browsers.Select((b, i) =>
            b.PostFormAsync(pages[i], "form.access-pass-form", new Dictionary<string, string> { ["AccessPass"] = pass }, ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
    }

    [Fact]
    public async Task AccessPass_Reset_RequiresAReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var page = await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "", ct);

        Assert.False(page.Has("#access-pass"));
        Assert.Contains("Vul een reden in", page.Text(".validation-summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessPass_ExpiredUnused_IsRecordedInTheAuditTrailOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);
        await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon kwijt", ct);
        var job = app.Services.GetRequiredService<AccessPassExpiryJob>();

        await job.RunOnceAsync(ct);
        var beforeExpiry = await ExpiredEventsAsync(person.Id, ct);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await job.RunOnceAsync(ct);
        await job.RunOnceAsync(ct);

        Assert.Equal(0, beforeExpiry);
        Assert.Equal(1, await ExpiredEventsAsync(person.Id, ct));
    }

    private Task<int> ExpiredEventsAsync(Guid userId, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .CountAsync(e => e.UserId == userId && e.EventType == "AccessPassExpired", ct));

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task AccessPass_AtRest_IsOnlyAKeyedHash()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var pass = (await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon kwijt", ct)).Text("#access-pass");
        var plain = pass.Replace("-", "", StringComparison.Ordinal);

        var file = await File.ReadAllBytesAsync(app.DatabasePath, ct);
        var wal = File.Exists(app.DatabasePath + "-wal") ? await File.ReadAllBytesAsync(app.DatabasePath + "-wal", ct) : [];

        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(plain)));
        Assert.Equal(-1, wal.AsSpan().IndexOf(Encoding.ASCII.GetBytes(plain)));
    }

    private async Task<Page> UsePassAsync(TestAccount person, string pass, CancellationToken ct)
    {
        var browser = app.NewBrowser();
        var page = await browser.PasswordStepAsync(person.Email, person.Password!, ct);
        return await browser.SubmitAsync(page, "form.access-pass-form", new Dictionary<string, string> { ["AccessPass"] = pass }, ct);
    }
}
