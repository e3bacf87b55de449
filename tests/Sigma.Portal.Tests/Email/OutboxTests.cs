using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Email;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace Sigma.Portal.Tests.Email;

public sealed class OutboxTests
{
    [Fact]
    public async Task SmtpDown_WhileAccountsAreCreated_EveryEmailArrivesOnceAfterRecovery()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = SmtpSink.Stopped();
        await using var app = new PortalFactory { Smtp = smtp, ManualDispatch = true };
        await app.InitializeAsync();
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var accounts = new List<TestAccount>();
        for (var i = 0; i < 3; i++)
        {
            accounts.Add(await new AccountBuilder(app).InvitedAsync(ct));
        }

        await dispatcher.DispatchDueAsync(ct);
        var waiting = await OutboxAsync(app, ct);
        await smtp.StartAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.DispatchDueAsync(ct);
        foreach (var account in accounts)
        {
            await smtp.NextMessageAsync(account.Email, ct);
        }

        app.Clock.Advance(TimeSpan.FromHours(2));
        await dispatcher.DispatchDueAsync(ct);

        Assert.All(waiting, m => Assert.Null(m.SentUtc));
        Assert.Contains(waiting, m => m.Attempts > 0 && m.LastError is not null);
        Assert.All(accounts, a => Assert.Single(smtp.AllFor(a.Email)));
        Assert.All(await OutboxAsync(app, ct), m => Assert.NotNull(m.SentUtc));
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task Message_OnceSent_KeepsItsAddressAndSubjectButNoBody()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory { ManualDispatch = true };
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var pending = Assert.Single(await OutboxAsync(app, ct), m => m.ToAddress == account.Email);

        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);
        var mail = await (await SmtpSink.Shared).NextMessageAsync(account.Email, ct);
        var sent = Assert.Single(await OutboxAsync(app, ct), m => m.ToAddress == account.Email);

        Assert.NotEmpty(pending.ProtectedTextBody);
        Assert.Contains("/Account/Activate", mail.TextBody, StringComparison.Ordinal);
        Assert.NotNull(sent.SentUtc);
        Assert.Equal(pending.Subject, sent.Subject);
        Assert.Equal("", sent.ProtectedTextBody);
        Assert.Equal("", sent.ProtectedHtmlBody);
    }

    [Fact]
    public async Task Message_AsReceived_CarriesTheLogoInsideItAndShowsItFromThere()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        var mail = await (await SmtpSink.Shared).NextMessageAsync(account.Email, ct);
        var logo = Assert.Single(mail.BodyParts.OfType<MimeKit.MimePart>(), p => p.ContentId == EmailLogo.ContentId);
        using var picture = new MemoryStream();
        await logo.Content!.DecodeToAsync(picture, ct);
        var img = Assert.Single(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(mail.HtmlBody!).Images);

        Assert.Equal("image/png", logo.ContentType.MimeType);
        Assert.Equal(EmailLogo.Png, picture.ToArray());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], picture.ToArray()[..4]);
        Assert.Equal("cid:" + logo.ContentId, img.Source);
        Assert.Equal("", img.AlternativeText);
        Assert.DoesNotContain("http", img.Source ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TwoInstances_DispatchingOneOutboxAtOnce_SendEachMessageOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        await using var first = PortalFactory.OnFolder(folder);
        await using var second = PortalFactory.OnFolder(folder);
        await first.InitializeAsync();
        await second.InitializeAsync();
        var smtp = await SmtpSink.Shared;
        var accounts = new List<TestAccount>();
        for (var i = 0; i < 20; i++)
        {
            accounts.Add(await new AccountBuilder(i % 2 == 0 ? first : second).InvitedAsync(ct));
        }

        var dispatchers = new[] { first, second }.Select(a => a.Services.GetRequiredService<OutboxDispatcher>()).ToList();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => dispatchers[i % 2].DispatchDueAsync(ct), ct)));
        foreach (var account in accounts)
        {
            await smtp.NextMessageAsync(account.Email, ct);
        }

        await Task.WhenAll(dispatchers.Select(d => d.DispatchDueAsync(ct)));
        Assert.All(accounts, a => Assert.Single(smtp.AllFor(a.Email)));
    }

    [Fact]
    public async Task Message_RefusedEveryTime_IsMarkedDeadWithItsError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpSink.StartNewAsync();
        smtp.Refusal = new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable");
        await using var app = new PortalFactory { Smtp = smtp, ManualDispatch = true };
        app.Settings["Outbox:MaxAttempts"] = "3";
        await app.InitializeAsync();
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await dispatcher.DispatchDueAsync(ct);
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        var message = Assert.Single(await OutboxAsync(app, ct), m => m.ToAddress == account.Email);
        Assert.Equal(3, message.Attempts);
        Assert.NotNull(message.DeadUtc);
        Assert.Null(message.SentUtc);
        Assert.Contains("mailbox unavailable", message.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void RetryDelay_DoublesUpToTheMaximum(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxDispatcher.RetryDelay(attempt, new OutboxOptions()));
    }

    private static Task<List<Sigma.Portal.Data.Email.OutboxMessage>> OutboxAsync(PortalFactory app, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking().ToListAsync(ct));
}
