using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Administration.Status;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Administration;
using Sigma.Portal.Infrastructure.Hosting;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

/// <summary>
/// The admin console's Status page after real journeys: sign-ins by outcome over the last hour and day, lockouts,
/// the outbox's backlog with its oldest message, the database and SMTP server as they answer now, and every instance
/// on the database.
/// </summary>
public sealed class StatusPageTests
{
    [Fact]
    public async Task SignIns_AreCountedByOutcome_OverTheLastHourAndDay_WithTheLockouts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        app.Settings["Accounts:MaxFailedAttempts"] = "3";
        await app.InitializeAsync();
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var lockedOut = await new AccountBuilder(app).ActivatedAsync(ct);
        await app.NewBrowser().PasswordStepAsync(person.Email, "an old wrong guess", ct);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.NewBrowser().PasswordStepAsync("nobody-" + Guid.NewGuid().ToString("N") + "@test.example", "a password of some length", ct);
        for (var guess = 0; guess < 3; guess++)
        {
            await app.NewBrowser().PasswordStepAsync(lockedOut.Email, $"wrong guess number {guess}", ct);
        }

        await app.NewBrowser().SignInAsync(app, person, ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var status = await admin.Browser.OpenAsync("/Admin/Status", ct);

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal(
            [
                "Ingelogd 2 2",
                "Mislukt: Verkeerd wachtwoord 3 4",
                "Mislukt: Onbekend e-mailadres 1 1",
                "Account geblokkeerd 1 1",
            ],
            Rows(status, "table.status-signins"));
        Assert.Equal("Nu geblokkeerde accounts: 1", status.Text(".status-locked"));
    }

    [Fact]
    public async Task Email_ShowsWhatWaits_AndHowLongTheOldestHasWaited()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory { ManualDispatch = true };
        await app.InitializeAsync();
        // The administrator's activation email is queued now; signing in with a code moves the clock 30 seconds on.
        var admin = await AdminSession.StartAsync(app, ct);
        app.Clock.Advance(TimeSpan.FromMinutes(12));
        await new AccountBuilder(app).InvitedAsync(ct);
        await new AccountBuilder(app).InvitedAsync(ct);

        var status = await admin.Browser.OpenAsync("/Admin/Status", ct);

        var email = Terms(status, "dl.status-email");
        // The administrator's two (activation, two-factor set up) and the two invitations.
        Assert.Equal("4", email["Wacht op verzending"]);
        Assert.Equal("0", email["Mislukt, wordt opnieuw geprobeerd"]);
        Assert.Equal("0", email["Opgegeven"]);
        // 12 minutes and 30 seconds, in whole minutes rounded up.
        Assert.StartsWith("wacht al 13 minuten (sinds ", email["Oudste nog te versturen"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_ShowTheDatabase_AndWhetherTheSmtpServerAnswersNow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpSink.StartNewAsync();
        await using var app = new PortalFactory { Smtp = smtp };
        await app.InitializeAsync();
        var admin = await AdminSession.StartAsync(app, ct);

        var reachable = await admin.Browser.OpenAsync("/Admin/Status", ct);
        await smtp.StopAsync();
        var unreachable = await admin.Browser.OpenAsync("/Admin/Status", ct);

        Assert.StartsWith("Bereikbaar (SQLite, ", reachable.Text(".status-database"), StringComparison.Ordinal);
        Assert.Equal("Bereikbaar", reachable.Text(".status-smtp"));
        Assert.StartsWith("Niet bereikbaar:", unreachable.Text(".status-smtp"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_OnOneDatabase_AreEachShown_WithVersionAndStart_AndASilentOneIsMarked()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        try
        {
            await using var first = PortalFactory.OnFolder(folder);
            await using var second = PortalFactory.OnFolder(folder);
            await first.InitializeAsync();
            await second.InitializeAsync();
            // Each starts (and reports itself) with its first request.
            await second.NewBrowser().OpenAsync("/", ct);
            var admin = await AdminSession.StartAsync(first, ct);

            var both = await admin.Browser.OpenAsync("/Admin/Status", ct);
            first.Clock.Advance(TimeSpan.FromMinutes(5));
            var later = await admin.Browser.OpenAsync("/Admin/Status", ct);

            var rows = Rows(both, "table.status-instances");
            Assert.Equal(2, rows.Count);
            Assert.Contains("(deze)", rows[0], StringComparison.Ordinal);
            Assert.DoesNotContain("(deze)", rows[1], StringComparison.Ordinal);
            Assert.All(rows, row => Assert.Contains(PortalVersion.Current, row, StringComparison.Ordinal));
            Assert.DoesNotContain("meldt zich niet meer", both.Text("table.status-instances"), StringComparison.Ordinal);
            var laterRows = Rows(later, "table.status-instances");
            Assert.DoesNotContain("meldt zich niet meer", laterRows[0], StringComparison.Ordinal);
            Assert.Contains("meldt zich niet meer", laterRows[1], StringComparison.Ordinal);
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task Report_CarriesTheHashQueueAndRefusals_AndForgetsInstancesSilentForADay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        app.Settings["PasswordWork:ConcurrentHashes"] = "1";
        app.Settings["PasswordWork:QueueLimit"] = "0";
        await app.InitializeAsync();
        var heartbeat = app.Services.GetServices<IHostedService>().OfType<InstanceHeartbeat>().Single();
        var self = app.Services.GetRequiredService<ThisInstance>();
        var gone = Guid.NewGuid();
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var longAgo = app.Clock.GetUtcNow().UtcDateTime.AddDays(-2);
            db.PortalInstances.Add(new PortalInstance { Id = gone, MachineName = "old", Version = "0", StartedUtc = longAgo, LastSeenUtc = longAgo });
            return await db.SaveChangesAsync(ct);
        });
        var work = app.Services.GetRequiredService<PasswordWork>();
        using var release = new ManualResetEventSlim();
        var running = new TaskCompletionSource();
        var holder = Task.Run(() => work.RunAsync(() => { running.SetResult(); release.Wait(ct); return 1; }, ct), ct);
        await running.Task;
        await Assert.ThrowsAsync<PortalBusyException>(() => work.RunAsync(() => 2, ct));
        release.Set();
        await holder;

        await heartbeat.ReportAsync(ct);

        var rows = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().PortalInstances.AsNoTracking().ToListAsync(ct));
        var mine = Assert.Single(rows);
        Assert.Equal(self.Id, mine.Id);
        Assert.Equal(1, mine.HashesRefused);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, mine.LastSeenUtc);
    }

    [Fact]
    public async Task Page_InEnglish_IsEnglish()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var admin = await AdminSession.StartAsync(app, ct);
        var dutch = await admin.Browser.OpenAsync("/Admin/Status", ct);

        var status = await admin.Browser.SubmitAsync(dutch, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);

        Assert.Equal("Status", status.Text("h1"));
        Assert.Contains("Signed in", status.Text("table.status-signins"), StringComparison.Ordinal);
        Assert.Contains("(this one)", status.Text("table.status-instances"), StringComparison.Ordinal);
    }

    private static List<string> Rows(Page page, string table) =>
        [.. page.Document.QuerySelectorAll($"{table} tbody tr").Select(r => string.Join(" ", r.Children.Select(c => Squeeze(c.TextContent))))];

    private static Dictionary<string, string> Terms(Page page, string list) =>
        page.Document.QuerySelectorAll($"{list} dt").ToDictionary(dt => Squeeze(dt.TextContent), dt => Squeeze(dt.NextElementSibling!.TextContent));

    private static string Squeeze(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
