using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// At most three links an hour per account from "forgot password" and "send me a new activation link", and not two
/// within a minute (the defaults of Accounts:RequestedLinksPerHour and Accounts:RequestedLinkInterval). The answer is
/// the same page as always (<see cref="LinkRequestTests"/>); what is held back is decided in the background.
/// </summary>
public sealed class LinkThrottleTests(LinkRequestTests.RecordingPortal app) : IClassFixture<LinkRequestTests.RecordingPortal>
{
    private const string ResetSubject = "Kies een nieuw wachtwoord voor het Sigma Portaal (Werknemer)";
    private const string NewPasswordHeading = "Kies een nieuw wachtwoord";

    [Fact]
    [Trait("Attack", "MailBombing")]
    public async Task LinkRequests_MoreThanThreeInAnHour_SendNothingMoreAndLeaveTheLastLinkWorking()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await ActivatedWithMailSentAsync(ct);
        var firstAskedAt = app.Clock.GetUtcNow();
        var links = new List<Uri>();
        for (var i = 0; i < 3; i++)
        {
            links.Add(await AskForResetLinkAsync(account.Email, ct));
            app.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var mailsBefore = await MailsToAsync(account.Email);
        await app.RequestLinkAsync("/Account/ForgotPassword", account.Email, ct);
        await app.HandleLinkRequestsAndSendAsync(ct);
        var mailsAfterTheFourth = await MailsToAsync(account.Email);
        var lastLink = await app.NewBrowser().OpenAsync(links[2].PathAndQuery, ct);
        app.Clock.Advance(firstAskedAt.AddHours(1).AddSeconds(1) - app.Clock.GetUtcNow());
        var fifth = await AskForResetLinkAsync(account.Email, ct);

        Assert.Equal(mailsBefore, mailsAfterTheFourth);
        Assert.Equal(NewPasswordHeading, lastLink.Text("h1"));
        Assert.NotEqual(links[2], fifth);
    }

    [Fact]
    [Trait("Attack", "MailBombing")]
    public async Task LinkRequest_WithinAMinuteOfTheLast_SendsNothingAndLeavesThatLinkWorking()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await ActivatedWithMailSentAsync(ct);
        var first = await AskForResetLinkAsync(account.Email, ct);

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var mailsBefore = await MailsToAsync(account.Email);
        await app.RequestLinkAsync("/Account/ForgotPassword", account.Email, ct);
        await app.HandleLinkRequestsAndSendAsync(ct);
        var mailsAfter = await MailsToAsync(account.Email);
        var firstAfterwards = await app.NewBrowser().OpenAsync(first.PathAndQuery, ct);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var second = await AskForResetLinkAsync(account.Email, ct);
        var firstAtTheEnd = await app.NewBrowser().OpenAsync(first.PathAndQuery, ct);

        Assert.Equal(mailsBefore, mailsAfter);
        Assert.Equal(NewPasswordHeading, firstAfterwards.Text("h1"));
        Assert.NotEqual(first, second);
        Assert.Equal("Deze link werkt niet meer", firstAtTheEnd.Text("h1"));
    }

    [Fact]
    public async Task LinkRequest_HeldBack_IsAuditedAndLoggedWithTheAccountButNotTheAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await ActivatedWithMailSentAsync(ct);
        await AskForResetLinkAsync(account.Email, ct);
        var browser = app.NewBrowser();
        browser.Client.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");

        await app.RequestLinkAsync("/Account/ForgotPassword", account.Email, ct, browser);
        await app.HandleLinkRequestsAsync(ct);

        var events = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.UserId == account.Id && e.EventType == nameof(AuditEventType.LinkRequestHeldBack)).ToListAsync(ct));
        var heldBack = Assert.Single(events);
        Assert.Equal("PasswordReset", heldBack.Detail);
        Assert.StartsWith("10.", heldBack.IpAddress, StringComparison.Ordinal);
        Assert.Equal("TestBrowser/1.0", heldBack.UserAgent);
        Assert.Contains(app.Logs.Entries, e => e.Contains($"asked for user {account.Id} was not sent", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains(account.Email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task LinkRequest_ForTwoAccountsOfOneAddress_HoldsBackOnlyTheAccountThatHadItsLinks()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"twee-{Guid.NewGuid():N}@test.example";
        var employee = await new AccountBuilder(app).WithEmail(email).ActivatedAsync(ct);
        await app.RequestLinkAsync("/Account/ForgotPassword", email, ct);
        await app.HandleLinkRequestsAsync(ct);
        var employer = await new AccountBuilder(app).WithEmail(email).AsEmployer().InvitedAsync(ct);
        var employeeLinks = await IssuedOnRequestAsync(employee.Id, ct);

        await app.RequestLinkAsync("/Account/ForgotPassword", email, ct);
        await app.HandleLinkRequestsAsync(ct);

        Assert.Equal(employeeLinks, await IssuedOnRequestAsync(employee.Id, ct));
        Assert.Equal(1, await IssuedOnRequestAsync(employer.Id, ct));
    }

    [Fact]
    public async Task AdministratorsResetLink_AfterThePersonHadTheirLinks_IsStillSentAndDoesNotCount()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await ActivatedWithMailSentAsync(ct);
        for (var i = 0; i < 3; i++)
        {
            await AskForResetLinkAsync(account.Email, ct);
            app.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var sent = await app.WithScopeAsync(s => s.GetRequiredService<LinkRequests>().SendPasswordResetAsync(account.Id, actorId: Guid.NewGuid(), ct));

        Assert.True(sent);
        Assert.Equal(3, await IssuedOnRequestAsync(account.Id, ct));
    }

    private async Task<TestAccount> ActivatedWithMailSentAsync(CancellationToken ct)
    {
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        await app.SendDueMailAsync(ct);
        return account;
    }

    /// <summary>Asks for a reset link, lets the background handle it and send it, and returns the link from the email.</summary>
    private async Task<Uri> AskForResetLinkAsync(string email, CancellationToken ct)
    {
        var before = await MailsToAsync(email);
        await app.RequestLinkAsync("/Account/ForgotPassword", email, ct);
        await app.HandleLinkRequestsAndSendAsync(ct);
        var mails = (await SmtpSink.Shared).AllFor(email);
        Assert.Equal(before + 1, mails.Count);
        Assert.Equal(ResetSubject, mails[^1].Subject);
        return SmtpSink.LinkIn(mails[^1], "/Account/ResetPassword");
    }

    private static async Task<int> MailsToAsync(string email) => (await SmtpSink.Shared).AllFor(email).Count;

    private Task<int> IssuedOnRequestAsync(Guid userId, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccountTokens.CountAsync(t => t.UserId == userId && t.IssuedOnRequest, ct));
}
