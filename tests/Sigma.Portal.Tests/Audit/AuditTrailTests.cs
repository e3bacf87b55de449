using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Audit;

public sealed class AuditTrailTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private const string WindowsChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    [Fact]
    public async Task SignIn_SuccessAndFailure_AreRecordedWithReasonAddressAndBrowser()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        browser.Client.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");

        await browser.PasswordStepAsync(person.Email, "een fout wachtwoord", ct);
        await browser.SignInAsync(app, person, ct);
        var events = await EventsAsync(person.Id, ct);

        var failed = Assert.Single(events, e => e.EventType == nameof(AuditEventType.SignInFailed));
        var succeeded = Assert.Single(events, e => e.EventType == nameof(AuditEventType.SignInSucceeded));
        Assert.Equal("WrongPassword", failed.Detail);
        Assert.Equal("mfa", succeeded.Detail);
        Assert.StartsWith("10.", succeeded.IpAddress, StringComparison.Ordinal);
        Assert.Equal("TestBrowser/1.0", succeeded.UserAgent);
        Assert.Null(succeeded.ActorId);
    }

    [Fact]
    public async Task Settings_ShowThePersonTheirOwnRecentEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await app.NewBrowser().PasswordStepAsync(person.Email, "een fout wachtwoord", ct);
        await browser.SignInAsync(app, person, ct);

        var settings = await browser.OpenAsync("/Settings", ct);

        Assert.Contains("Inloggen mislukt", settings.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Contains("Ingelogd", settings.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Contains("Tweestapsverificatie ingesteld", settings.Text("table.security-events"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task SignInFailed_WithThePasswordTypedAsTheEmail_KeepsItOutOfTheAuditTrailAndItsExport()
    {
        var ct = TestContext.Current.CancellationToken;
        var typed = $"Zomer-{Guid.NewGuid():N}!";

        await app.NewBrowser().PasswordStepAsync(typed, "wat dan ook", ct);
        var admin = await AdminSession.StartAsync(app, ct);
        using var export = await admin.Browser.Client.GetAsync(new Uri("/Admin/Audit/Export", UriKind.Relative), ct);
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync(ct));
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.EventType == "SignInFailed" && e.UserId == null).Select(e => e.Detail).ToListAsync(ct));

        Assert.Contains("UnknownEmail", stored);
        Assert.DoesNotContain(stored, d => d != null && d.Contains(typed, StringComparison.Ordinal));
        Assert.DoesNotContain(typed, csv, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "FormulaInjection")]
    public async Task AuditExport_CellsThatLookLikeFormulas_AreEscaped()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).ActivatedAsync(ct);
        var attacker = app.NewBrowser();
        attacker.Client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "=cmd|' /C calc'!A0");
        await attacker.PasswordStepAsync(person.Email, "+SUM(1,2)", ct);
        var admin = await AdminSession.StartAsync(app, ct);
        await admin.ConfirmAsync(person.Id, "Deactivate", "confirm-deactivate", "@HYPERLINK(\"http://evil.example\")", ct);

        using var export = await admin.Browser.Client.GetAsync(new Uri($"/Admin/Audit/Export?Account={Uri.EscapeDataString(person.Email)}", UriKind.Relative), ct);
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync(ct));
        var cells = csv.Split(['\n', ';'], StringSplitOptions.TrimEntries).Select(c => c.Trim('"')).ToList();

        Assert.Equal("text/csv; charset=utf-8", export.Content.Headers.ContentType?.ToString());
        Assert.Contains(cells, c => c.StartsWith("'=cmd", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.StartsWith("'@HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.StartsWith('=') || c.StartsWith('@') || c.StartsWith('+'));
    }

    [Fact]
    public async Task AuditView_ShowsWhoseEventItIs_InWordsAndWithAShortDevice()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        browser.Client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", WindowsChrome);
        await browser.PasswordStepAsync(person.Email, "een fout wachtwoord", ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var page = await admin.Browser.OpenAsync($"/Admin/Audit?Account={Uri.EscapeDataString(person.Email)}&EventType=SignInFailed", ct);

        Assert.Equal(person.Email, page.Text("td.event-account a"));
        Assert.Equal($"/Admin/Accounts/{person.Id}", page.Document.QuerySelector("td.event-account a")!.GetAttribute("href"));
        Assert.Equal("Verkeerd wachtwoord", page.Text("td .event-detail"));
        Assert.Equal(browser.Client.DefaultRequestHeaders.GetValues(TestClientAddress.Header).Single(), page.Text("td .event-address"));
        Assert.Equal("Chrome op Windows", page.Text("details.device summary"));
        Assert.Equal(WindowsChrome, page.Text("details.device .user-agent"));
        Assert.DoesNotContain("WrongPassword", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditView_FiltersByEventTypeAndPeriod()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        await app.NewBrowser().PasswordStepAsync(person.Email, "een fout wachtwoord", ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var account = Uri.EscapeDataString(person.Email);

        var failures = await admin.Browser.OpenAsync($"/Admin/Audit?Account={account}&EventType=SignInFailed", ct);
        var lastYear = await admin.Browser.OpenAsync($"/Admin/Audit?Account={account}&To={today.AddYears(-1):yyyy-MM-dd}", ct);

        Assert.Equal(1, failures.Document.QuerySelectorAll("table.security-events tbody tr").Length);
        Assert.False(lastYear.Has("table.security-events"));
    }

    [Fact]
    public async Task RetentionJob_DeletesEventsOlderThanTheRetention()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var job = app.Services.GetRequiredService<AuditRetentionJob>();

        app.Clock.Advance(TimeSpan.FromDays(2));
        await job.RunOnceAsync(ct);
        var before = await EventsAsync(person.Id, ct);
        app.Clock.Advance(TimeSpan.FromDays(401));
        await job.RunOnceAsync(ct);
        var after = await EventsAsync(person.Id, ct);

        Assert.Contains(before, e => e.EventType == nameof(AuditEventType.AccountCreated));
        Assert.Empty(after);
    }

    private Task<List<Sigma.Portal.Data.Audit.AuditEvent>> EventsAsync(Guid userId, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().Where(e => e.UserId == userId).ToListAsync(ct));
}
