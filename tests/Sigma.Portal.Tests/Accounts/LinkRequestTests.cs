using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// "Forgot password" and "send me a new activation link": the request only records itself, the same for every
/// address, and the background decides who gets which link. The background runs here cycle by cycle
/// (<see cref="LinkRequestDispatcher.HandleDueAsync"/>), so each test sees exactly what a request did before and after.
/// </summary>
public sealed partial class LinkRequestTests(LinkRequestTests.RecordingPortal app) : IClassFixture<LinkRequestTests.RecordingPortal>
{
    public static TheoryData<string> Forms => ["/Account/ForgotPassword", "/Account/ResendActivation"];

    [Theory]
    [MemberData(nameof(Forms))]
    [Trait("Attack", "AccountEnumeration")]
    public async Task LinkRequest_EveryKindOfAddress_GetsTheSameAnswer(string form)
    {
        var ct = TestContext.Current.CancellationToken;
        var addresses = await AddressesOfEveryKindAsync(ct);

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, email) in addresses)
        {
            answers[kind] = await ComparableAnswerAsync(form, email, ct);
        }

        Assert.Contains("200 OK", answers["unknown"], StringComparison.Ordinal);
        Assert.Contains("Kijk in uw e-mail", answers["unknown"], StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.Equal(answers["unknown"], answer.Value));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    [Trait("Attack", "AccountEnumeration")]
    public async Task LinkRequest_EveryKindOfAddress_AsksTheSameOfTheDatabaseWhileAnswering(string form)
    {
        var ct = TestContext.Current.CancellationToken;
        var addresses = await AddressesOfEveryKindAsync(ct);
        await app.RequestLinkAsync(form, $"warm-up-{Guid.NewGuid():N}@test.example", ct);

        var commands = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (kind, email) in addresses)
        {
            var browser = app.NewBrowser();
            var page = await browser.OpenAsync(form, ct);
            app.Sql.Clear();
            using var response = await browser.PostFormAsync(page, "form.request-link", new Dictionary<string, string> { ["Email"] = email }, ct);
            await response.Content.ReadAsStringAsync(ct);
            commands[kind] = app.Sql.Commands;
        }

        var recorded = Assert.Single(commands["unknown"]);
        Assert.StartsWith("INSERT INTO \"PendingLinkRequests\"", recorded, StringComparison.Ordinal);
        Assert.All(commands, c => Assert.Equal(commands["unknown"], c.Value));
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task LinkRequest_WhileWaiting_HoldsTheAddressOnlyProtectedAndIsDeletedOnceHandled()
    {
        var ct = TestContext.Current.CancellationToken;
        var unknown = $"nobody-{Guid.NewGuid():N}@test.example";
        var invited = await new AccountBuilder(app).InvitedAsync(ct);
        var invitations = (await app.OutboxForAsync(invited.Email, ct)).Count;

        await app.RequestLinkAsync("/Account/ForgotPassword", unknown, ct);
        await app.RequestLinkAsync("/Account/ForgotPassword", invited.Email, ct);
        var waiting = await WaitingAsync(ct);
        var file = await DatabaseFileAsync(ct);
        await app.HandleLinkRequestsAsync(ct);
        var left = await WaitingAsync(ct);

        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(LinkRequestRecorder.EmailProtectionPurpose);
        var stored = waiting.Select(r => protector.Unprotect(r.ProtectedEmail)).ToList();
        Assert.Contains(unknown.ToUpperInvariant(), stored);
        Assert.Contains(invited.Email.ToUpperInvariant(), stored);
        Assert.All(waiting, r => Assert.DoesNotContain("@TEST.EXAMPLE", r.ProtectedEmail, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(-1, IndexOfIgnoringCase(file, unknown));
        Assert.Empty(left);
        Assert.Equal(invitations + 1, (await app.OutboxForAsync(invited.Email, ct)).Count);
        Assert.Empty(await app.OutboxForAsync(unknown, ct));
    }

    [Fact]
    public async Task ForgotPassword_EmailWithEmployeeAndEmployerAccounts_SendsEachItsOwnLinkInItsOwnLanguage()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"twee-{Guid.NewGuid():N}@test.example";
        var employee = await new AccountBuilder(app).WithEmail(email).ActivatedAsync(ct);
        var employer = await new AccountBuilder(app).WithEmail(email).AsEmployer().InEnglish().ActivatedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await app.SendDueMailAsync(ct);
        var before = smtp.AllFor(email).Count;

        await app.RequestLinkAsync("/Account/ForgotPassword", email, ct);
        await app.HandleLinkRequestsAndSendAsync(ct);
        var mails = smtp.AllFor(email).Skip(before).ToList();

        Assert.Equal(2, mails.Count);
        // Each subject names its account, so the person can tell the two apart in the inbox.
        var dutch = Assert.Single(mails, m => m.Subject == "Kies een nieuw wachtwoord voor het Sigma Portaal (Werknemer)");
        var english = Assert.Single(mails, m => m.Subject == "Choose a new password for the Sigma Portal (Employer, Bakkerij Test BV)");
        var employeeLink = SmtpSink.LinkIn(dutch, "/Account/ResetPassword");
        Assert.Contains($"user={employee.Id}", employeeLink.Query, StringComparison.Ordinal);
        Assert.Contains($"user={employer.Id}", SmtpSink.LinkIn(english, "/Account/ResetPassword").Query, StringComparison.Ordinal);
        // And the page the link opens says which account's password it sets.
        var page = await app.NewBrowser().OpenAsync(employeeLink.PathAndQuery, ct);
        Assert.Equal($"Voor het account {email} (Werknemer).", page.Text(".link-account"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task LinkRequest_ForADeactivatedAccount_SendsNothingAndLeavesNoLink(string form)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).DeactivatedAsync(ct);
        var outboxBefore = (await app.OutboxForAsync(account.Email, ct)).Count;

        await app.RequestLinkAsync(form, account.Email, ct);
        await app.HandleLinkRequestsAsync(ct);

        Assert.Equal(outboxBefore, (await app.OutboxForAsync(account.Email, ct)).Count);
        Assert.Empty(await OpenTokensAsync(account.Id, ct));
    }

    [Fact]
    public async Task ResendActivation_ForAnActivatedAccount_SendsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var outboxBefore = (await app.OutboxForAsync(account.Email, ct)).Count;

        await app.RequestLinkAsync("/Account/ResendActivation", account.Email, ct);
        await app.HandleLinkRequestsAsync(ct);

        Assert.Equal(outboxBefore, (await app.OutboxForAsync(account.Email, ct)).Count);
        Assert.Empty(await OpenTokensAsync(account.Id, ct));
    }

    [Fact]
    public async Task ForgotPassword_HandledAfterTheAnswer_IsAuditedWithTheTimeAddressAndBrowserOfTheRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();
        browser.Client.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");
        var form = await browser.OpenAsync("/Account/ForgotPassword", ct);
        var askedAt = app.Clock.GetUtcNow().UtcDateTime;

        await browser.SubmitAsync(form, "form.request-link", new Dictionary<string, string> { ["Email"] = account.Email }, ct);
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        await app.HandleLinkRequestsAsync(ct);

        var requested = Assert.Single(await EventsAsync(account.Id, ct), e => e.EventType == nameof(AuditEventType.PasswordResetRequested));
        Assert.Equal(askedAt, requested.OccurredUtc);
        Assert.StartsWith("10.", requested.IpAddress, StringComparison.Ordinal);
        Assert.Equal("TestBrowser/1.0", requested.UserAgent);
        Assert.Null(requested.ActorId);
    }

    [Fact]
    public async Task LinkRequest_ThatCannotBeRead_IsDroppedAndLoggedWithoutHoldingUpTheOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var broken = Guid.NewGuid();
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            db.PendingLinkRequests.Add(new PendingLinkRequest
            {
                Id = broken,
                Purpose = AccountTokenPurpose.PasswordReset,
                ProtectedEmail = "not-protected-by-this-portal",
                CreatedUtc = app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1),
            });
            return await db.SaveChangesAsync(ct);
        });
        var outboxBefore = (await app.OutboxForAsync(account.Email, ct)).Count;

        await app.RequestLinkAsync("/Account/ResendActivation", account.Email, ct);
        await app.HandleLinkRequestsAsync(ct);

        Assert.Empty(await WaitingAsync(ct));
        Assert.Equal(outboxBefore + 1, (await app.OutboxForAsync(account.Email, ct)).Count);
        Assert.Contains(app.Logs.Entries, e => e.StartsWith("Error", StringComparison.Ordinal) && e.Contains($"Link request {broken} could not be handled", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Attack", "Race")]
    public async Task LinkRequest_HandledByTwoInstancesAtOnce_SendsOneLink()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        await using var first = PortalFactory.OnFolder(folder);
        await using var second = PortalFactory.OnFolder(folder);
        first.ManualDispatch = true;
        second.ManualDispatch = true;
        await first.InitializeAsync();
        await second.InitializeAsync();
        var account = await new AccountBuilder(first).InvitedAsync(ct);
        var browser = first.NewBrowser();
        var form = await browser.OpenAsync("/Account/ResendActivation", ct);
        await browser.SubmitAsync(form, "form.request-link", new Dictionary<string, string> { ["Email"] = account.Email }, ct);

        var dispatchers = new[] { first, second }.Select(a => a.Services.GetRequiredService<LinkRequestDispatcher>()).ToList();
        await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.HandleDueAsync(ct), ct)));

        var issued = await first.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccountTokens.AsNoTracking()
            .Where(t => t.UserId == account.Id).ToListAsync(ct));
        Assert.Equal(2, issued.Count);
        Assert.Single(issued, t => t.UsedUtc == null);
        Assert.Equal(2, await first.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().OutboxMessages.CountAsync(m => m.ToAddress == account.Email, ct)));
    }

    private async Task<List<(string Kind, string Email)>> AddressesOfEveryKindAsync(CancellationToken ct)
    {
        var twoAccounts = $"twee-{Guid.NewGuid():N}@test.example";
        await new AccountBuilder(app).WithEmail(twoAccounts).ActivatedAsync(ct);
        await new AccountBuilder(app).WithEmail(twoAccounts).AsEmployer().InvitedAsync(ct);
        return
        [
            ("unknown", $"nobody-{Guid.NewGuid():N}@test.example"),
            ("activated", (await new AccountBuilder(app).ActivatedAsync(ct)).Email),
            ("invited", (await new AccountBuilder(app).InvitedAsync(ct)).Email),
            ("deactivated", (await new AccountBuilder(app).DeactivatedAsync(ct)).Email),
            ("employee and employer", twoAccounts),
            ("activated, had its links for now", await HeldBackAsync(ct)),
        ];
    }

    /// <summary>An activated account that got a link this minute: another request would be held back.</summary>
    private async Task<string> HeldBackAsync(CancellationToken ct)
    {
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        await app.RequestLinkAsync("/Account/ForgotPassword", account.Email, ct);
        await app.HandleLinkRequestsAsync(ct);
        return account.Email;
    }

    /// <summary>Status, headers and body, with what differs on every answer (the date, antiforgery tokens, cookie values) taken out.</summary>
    private async Task<string> ComparableAnswerAsync(string form, string email, CancellationToken ct)
    {
        var browser = app.NewBrowser();
        var page = await browser.OpenAsync(form, ct);
        using var response = await browser.PostFormAsync(page, "form.request-link", new Dictionary<string, string> { ["Email"] = email }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .SelectMany(h => h.Value.Select(v => $"{h.Key}: {(h.Key == "Set-Cookie" ? CookieValue().Replace(v, "=(value);") : v)}"))
            .Order(StringComparer.Ordinal);
        return $"{(int)response.StatusCode} {response.StatusCode}\n{string.Join("\n", headers)}\n\n{AntiforgeryToken().Replace(body, "(antiforgery token)")}";
    }

    private Task<List<PendingLinkRequest>> WaitingAsync(CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().PendingLinkRequests.AsNoTracking().ToListAsync(ct));

    private Task<List<AccountToken>> OpenTokensAsync(Guid userId, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccountTokens.AsNoTracking().Where(t => t.UserId == userId && t.UsedUtc == null).ToListAsync(ct));

    private Task<List<Sigma.Portal.Data.Audit.AuditEvent>> EventsAsync(Guid userId, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().Where(e => e.UserId == userId).ToListAsync(ct));

    private async Task<byte[]> DatabaseFileAsync(CancellationToken ct)
    {
        var parts = new List<byte>();
        foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            parts.AddRange(copy.ToArray());
        }

        return [.. parts];
    }

    private static int IndexOfIgnoringCase(byte[] file, string text)
    {
        var lower = file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text.ToLowerInvariant()));
        return lower >= 0 ? lower : file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text.ToUpperInvariant()));
    }

    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("=[^;]*;")]
    private static partial Regex CookieValue();

    /// <summary>The portal without its background dispatchers, recording every SQL command and every log entry.</summary>
    public sealed class RecordingPortal : PortalFactory
    {
        public RecordingPortal() => ManualDispatch = true;

        public SqlCommandLog Sql { get; } = new();

        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Sql));
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
