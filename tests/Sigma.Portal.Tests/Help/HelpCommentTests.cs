using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Help;

public sealed class HelpCommentTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Comments_Anonymous_SeeTheCountAndASignInLinkBackToTheArticle()
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = app.NewBrowser();

        var article = await browser.OpenAsync("/help/new-phone", ct);
        var link = article.Document.QuerySelector(".sign-in-to-comment a")!.GetAttribute("href")!;

        Assert.Matches(@"^\d+ opmerking(en)?$", article.Text(".comment-count"));
        Assert.StartsWith("U moet u aanmelden om een opmerking te plaatsen.", article.Text(".sign-in-to-comment"), StringComparison.Ordinal);
        Assert.Equal("/Account/Login?returnUrl=%2Fhelp%2Fnew-phone%23comments", link);
        Assert.False(article.Has("form.comment-form"));
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task Comment_WithPasswordAlone_CannotBePosted()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.PasswordStepAsync(person.Email, person.Password!, ct);
        var article = await browser.OpenAsync("/help/faq", ct);

        var token = article.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Body", "via de achterdeur")]);
        using var response = await browser.Client.PostAsync(new Uri("/help/faq/comments", UriKind.Relative), content, ct);

        Assert.False(article.Has("form.comment-form"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "XSS")]
    public async Task Comment_WithMarkup_IsShownAsTextNewestLastAndCanBeDeletedByItsAuthor()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithName("Karin Comment").WithAuthenticatorAsync(ct);
        var other = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);
        var otherBrowser = app.NewBrowser();
        await otherBrowser.SignInAsync(app, other, ct);
        const string Payload = "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\"";

        await PostAsync(browser, "several-accounts", "Eerste opmerking", ct);
        await PostAsync(otherBrowser, "several-accounts", "Tweede, van iemand anders", ct);
        var page = await PostAsync(browser, "several-accounts", Payload, ct);
        var bodies = page.Document.QuerySelectorAll(".comment-body").Select(b => b.TextContent).ToList();
        var ownDeleteButtons = page.Document.QuerySelectorAll("form.delete-comment").Length;
        var afterDelete = await browser.SubmitAsync(page, "form.delete-comment", new Dictionary<string, string>(), ct);

        Assert.Equal(Payload, bodies[^1]);
        Assert.Equal(["Eerste opmerking", "Tweede, van iemand anders", Payload], bodies.TakeLast(3));
        Assert.False(page.Has(".comment-body script"));
        Assert.False(page.Has(".comment-body img"));
        Assert.Contains("Karin Comment", page.Text(".comment-list"), StringComparison.Ordinal);
        Assert.Equal(2, ownDeleteButtons);
        Assert.DoesNotContain("Eerste opmerking", afterDelete.Text(".comment-list"), StringComparison.Ordinal);
        Assert.Contains("Tweede, van iemand anders", afterDelete.Text(".comment-list"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "Spam")]
    public async Task Comment_MoreThanFiveInTenMinutes_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);

        for (var i = 0; i < 5; i++)
        {
            await PostAsync(browser, "faq", $"Opmerking {i}", ct);
        }

        var refused = await PostAsync(browser, "faq", "Nog eentje", ct);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var later = await PostAsync(browser, "faq", "Na tien minuten", ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Probeer het over tien minuten opnieuw", refused.Text(".comments .notice"), StringComparison.Ordinal);
        Assert.Contains("Na tien minuten", later.Text(".comment-list"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "Race")]
    public async Task Comment_TwentyPostedAtOnce_NoMoreThanTheLimitAreKept()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);
        var article = await browser.OpenAsync("/help/faq", ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => browser.PostFormAsync(article, "form.comment-form",
            new Dictionary<string, string> { ["Body"] = $"Tegelijk {i}" }, ct)));

        var kept = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().HelpComments.AsNoTracking().CountAsync(c => c.UserId == person.Id, ct));
        Assert.Equal(5, kept);
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(15, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Comment_TooLongOrEmpty_IsRefusedWithAMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);

        var empty = await PostAsync(browser, "activation", "   ", ct);
        var tooLong = await PostAsync(browser, "activation", new string('x', 2001), ct);

        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("Schrijf eerst een opmerking.", empty.Text(".comments .notice"));
        Assert.Equal("De opmerking is te lang.", tooLong.Text(".comments .notice"));
    }

    [Fact]
    public async Task Comment_HiddenByAnAdministrator_DisappearsAndIsAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);
        await PostAsync(browser, "lost-phone", "Bel mij op 06-12345678", ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var adminView = await admin.Browser.OpenAsync("/help/lost-phone", ct);
        var hidden = await admin.Browser.SubmitAsync(adminView, "form.hide-comment", new Dictionary<string, string>(), ct);
        var events = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.EventType == "CommentHidden" && e.UserId == person.Id).ToListAsync(ct));

        Assert.False(browser.Client is null);
        Assert.False((await browser.OpenAsync("/help/lost-phone", ct)).Has("form.hide-comment"));
        Assert.DoesNotContain("06-12345678", hidden.Text("#comments"), StringComparison.Ordinal);
        var hiddenEvent = Assert.Single(events);
        Assert.Equal(admin.Account.Id, hiddenEvent.ActorId);
    }

    private static async Task<Page> PostAsync(PortalBrowser browser, string slug, string body, CancellationToken ct)
    {
        var article = await browser.OpenAsync("/help/" + slug, ct);
        return await browser.SubmitAsync(article, "form.comment-form", new Dictionary<string, string> { ["Body"] = body }, ct);
    }
}
