using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Email;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace Sigma.Portal.Tests.Reliability;

public sealed class SmtpFaultTests
{
    [Fact]
    public async Task SmtpThatNeverAnswers_DoesNotHoldUpPages_AndTheMailGoesOutAfterwardsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var silent = new SilentSmtpServer();
        var folder = TestFolder.Create();
        var hung = PortalFactory.OnFolder(folder);
        hung.Settings["Smtp:Timeout"] = "00:00:30";
        await hung.InitializeAsync();
        hung.Settings["Smtp:Port"] = silent.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var admin = await AdminSession.StartAsync(hung, ct);
        var email = $"slow-{Guid.NewGuid():N}@test.example";

        var form = await admin.Browser.OpenAsync("/Admin/Accounts/New", ct);
        using var created = await admin.Browser.PostFormAsync(form, "form.new-account", new Dictionary<string, string>
        {
            ["DisplayName"] = "Trage Post",
            ["Email"] = email,
            ["AccountType"] = "Employee",
        }, ct);
        await silent.Connected;
        var waiting = await OutboxAsync(hung, email, ct);
        var clock = hung.Clock.GetUtcNow();
        await hung.DisposeAsync();

        await using var recovered = PortalFactory.OnFolder(folder);
        recovered.Clock.SetUtcNow(clock);
        await recovered.InitializeAsync();
        await recovered.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(email, ct);
        await recovered.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Null(waiting.SentUtc);
        Assert.Single(smtp.AllFor(email));
        TestFolder.Delete(folder);
    }

    [Fact]
    public async Task Stopping_WhileASendHangs_HandsTheMessageBackForTheNextStart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var silent = new SilentSmtpServer();
        await using var app = new PortalFactory { ManualDispatch = true };
        await app.InitializeAsync();
        app.Settings["Smtp:Port"] = silent.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        using var stopping = new CancellationTokenSource();

        var dispatching = app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(stopping.Token);
        await silent.Connected;
        var claimed = await OutboxAsync(app, account.Email, ct);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatching);
        var released = await OutboxAsync(app, account.Email, ct);

        Assert.NotNull(claimed.ClaimToken);
        Assert.Null(released.ClaimToken);
        Assert.Null(released.ClaimedUntilUtc);
        Assert.Null(released.SentUtc);
        Assert.Equal(0, released.Attempts);
    }

    [Fact]
    public async Task SmtpThatRefuses_IsRetriedWithBackoffAndDeliversOnceWhenItAccepts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpSink.StartNewAsync();
        smtp.Refusal = new SmtpResponse(SmtpReplyCode.TransactionFailed, "try later");
        await using var app = new PortalFactory { Smtp = smtp, ManualDispatch = true };
        await app.InitializeAsync();
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        await dispatcher.DispatchDueAsync(ct);
        var first = await OutboxAsync(app, account.Email, ct);
        await dispatcher.DispatchDueAsync(ct);
        var notYetDue = await OutboxAsync(app, account.Email, ct);
        smtp.Refusal = null;
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await dispatcher.DispatchDueAsync(ct);
        await smtp.NextMessageAsync(account.Email, ct);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await dispatcher.DispatchDueAsync(ct);

        Assert.True(first.Attempts >= 1);
        Assert.Contains("try later", first.LastError, StringComparison.Ordinal);
        Assert.Equal(first.Attempts, notYetDue.Attempts);
        Assert.Single(smtp.AllFor(account.Email));
    }

    [Fact]
    public async Task DeadMessage_ShownToAdministrators_CanBeRetried()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpSink.StartNewAsync();
        smtp.Refusal = new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "no such mailbox");
        await using var app = new PortalFactory { Smtp = smtp, ManualDispatch = true };
        app.Settings["Outbox:MaxAttempts"] = "1";
        await app.InitializeAsync();
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var admin = await AdminSession.StartAsync(app, ct);
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        for (var i = 0; i < 3; i++)
        {
            await dispatcher.DispatchDueAsync(ct);
        }

        var page = await admin.Browser.OpenAsync("/Admin/Email", ct);
        smtp.Refusal = null;
        var row = page.Document.QuerySelectorAll("table.dead-letters tbody tr").Single(r => r.TextContent.Contains(account.Email, StringComparison.Ordinal));
        var retryForm = row.QuerySelector("form.retry-form")!;
        retryForm.ClassName = "retry-this";
        await admin.Browser.SubmitAsync(page, "form.retry-this", new Dictionary<string, string>(), ct);
        await dispatcher.DispatchDueAsync(ct);
        var mail = await smtp.NextMessageAsync(account.Email, ct);

        Assert.Contains("no such mailbox", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Activeer uw account bij Sigma Personeelsdiensten (Werknemer)", mail.Subject);
    }

    private static Task<Sigma.Portal.Data.Email.OutboxMessage> OutboxAsync(PortalFactory app, string email, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email, ct));
}
