using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.Passkeys;
using Presented = Sigma.Portal.Tests.Infrastructure.SoftwareAuthenticator.Presented;

namespace Sigma.Portal.Tests.TwoFactor;

/// <summary>Settings → passkeys over HTTP, the browser's part played by a software authenticator.</summary>
public sealed class PasskeySettingsTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private static readonly string PortalOrigin = TestPasskeys.PortalOrigin;

    [Fact]
    public async Task Passkey_AddedAfterReauthentication_IsListed_AuditedAndAnnounced_AndCanBeRenamedAndRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, browser, page) = await PasskeysPageAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        var smtp = await SmtpSink.Shared;

        var added = await AddAsync(browser, page, "Laptop thuis", options => authenticator.Create(options, new Presented(PortalOrigin)), ct);
        var addedMail = await MailAboutAsync(smtp, account, "toegevoegd", ct);
        var renamed = await browser.SubmitAsync(added, "form[action$='/Rename']", new Dictionary<string, string> { ["Name"] = "Werklaptop" }, ct);
        var removed = await browser.SubmitAsync(renamed, "form[action$='/Remove']", new Dictionary<string, string>(), ct);
        var removedMail = await MailAboutAsync(smtp, account, "verwijderd", ct);
        var settings = await browser.OpenAsync("/Settings", ct);

        Assert.Equal("De passkey ‘Laptop thuis’ is toegevoegd.", added.Text(".notice"));
        Assert.Equal("Laptop thuis", added.Text(".passkey-list h3"));
        Assert.Equal("Er is een passkey toegevoegd (Werknemer)", addedMail.Subject);
        Assert.Equal("Werklaptop", renamed.Text(".passkey-list h3"));
        Assert.Equal("De passkey ‘Werklaptop’ is verwijderd.", removed.Text(".notice"));
        Assert.False(removed.Has(".passkey-list"));
        Assert.Equal("Er is een passkey verwijderd (Werknemer)", removedMail.Subject);
        Assert.Contains("Passkey verwijderd", settings.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Contains("Passkey toegevoegd", settings.Text("table.security-events"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AAAAA")]
    [InlineData("not+base64")]
    public async Task Remove_OfAMalformedOrUnknownId_ChangesNothingAndFailsSoftly(string id)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, browser, page) = await PasskeysPageAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        var added = await AddAsync(browser, page, "Telefoon", options => authenticator.Create(options, new Presented(PortalOrigin)), ct);
        var token = added.Document.QuerySelector("form[action$='/Remove'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await browser.Client.PostAsync(new Uri("/Settings/Passkeys/Remove", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Id"] = id }), ct);
        var after = await browser.OpenAsync("/Settings/Passkeys", ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Telefoon", after.Text(".passkey-list h3"));
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Ceremony_IsUsedUpByItsFirstAnswer_EvenAWrongOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, browser, page) = await PasskeysPageAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        var (ceremony, options) = await OptionsAsync(browser, page, ct);

        var forged = await SubmitAnswerAsync(browser, page, ceremony, authenticator.Create(options, new Presented("https://evil.example")), ct);
        var genuineAfterwards = await SubmitAnswerAsync(browser, page, ceremony, authenticator.Create(options, new Presented(PortalOrigin)), ct);

        Assert.Equal("De passkey is niet toegevoegd. Probeer het opnieuw.", forged.Text(".notice"));
        Assert.Equal("De passkey is niet toegevoegd. Probeer het opnieuw.", genuineAfterwards.Text(".notice"));
        Assert.False(genuineAfterwards.Has(".passkey-list"));
        Assert.Contains("Passkey geweigerd", (await browser.OpenAsync("/Settings", ct)).Text("table.security-events"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Ceremony_OfAnotherAccount_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, owner, ownerPage) = await PasskeysPageAsync(ct);
        var (_, other, otherPage) = await PasskeysPageAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        var (ceremony, options) = await OptionsAsync(owner, ownerPage, ct);

        var stolen = await SubmitAnswerAsync(other, otherPage, ceremony, authenticator.Create(options, new Presented(PortalOrigin)), ct);

        Assert.Equal("De passkey is niet toegevoegd. Probeer het opnieuw.", stolen.Text(".notice"));
        Assert.False(stolen.Has(".passkey-list"));
    }

    [Fact]
    [Trait("Attack", "SessionHijack")]
    public async Task Passkeys_WithoutReauthentication_AskForPasswordAndCodeFirst_AndGiveNoOptions()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        var home = await browser.SignInAsync(app, account, ct);

        var page = await browser.OpenAsync("/Settings/Passkeys", ct);
        var token = home.Document.QuerySelector("form.sign-out input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var options = await browser.Client.PostAsync(new Uri("/Settings/Passkeys/Options", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), ct);

        Assert.Equal("/Settings/TwoFactor/Confirm", page.Url.AbsolutePath);
        Assert.NotEqual(HttpStatusCode.OK, options.StatusCode);
    }

    [Fact]
    public async Task Ceremony_AfterTheBrowsersTimeForIt_IsGone()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);

        var (inTime, late) = await app.WithScopeAsync(async services =>
        {
            var ceremonies = services.GetRequiredService<PasskeyCeremonies>();
            var first = await ceremonies.BeginAsync("add", account.Id, "state", ct);
            var second = await ceremonies.BeginAsync("add", account.Id, "state", ct);
            var inTime = await ceremonies.TakeAsync(first, "add", account.Id, ct);
            app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
            return (inTime, await ceremonies.TakeAsync(second, "add", account.Id, ct));
        });

        Assert.Equal("state", inTime);
        Assert.Null(late);
    }

    // The account's earlier mail (activation, set-up) is read past.
    private static async Task<MimeKit.MimeMessage> MailAboutAsync(SmtpSink smtp, TestAccount account, string what, CancellationToken ct)
    {
        var mail = await smtp.NextMessageAsync(account.Email, ct);
        while (mail.Subject?.StartsWith("Er is een passkey " + what, StringComparison.Ordinal) != true)
        {
            mail = await smtp.NextMessageAsync(account.Email, ct);
        }

        return mail;
    }

    private async Task<(TestAccount Account, PortalBrowser Browser, Page Page)> PasskeysPageAsync(CancellationToken ct)
    {
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);
        var confirm = await browser.OpenAsync("/Settings/TwoFactor/Confirm?next=Passkeys", ct);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var page = await browser.SubmitAsync(confirm, "form.confirm-form", new Dictionary<string, string>
        {
            ["Password"] = account.Password!,
            ["Code"] = TestTotp.CodeAt(account.AuthenticatorKey!, app.Clock.GetUtcNow()),
        }, ct);
        Assert.Equal("/Settings/Passkeys", page.Url.AbsolutePath);
        return (account, browser, page);
    }

    private static async Task<Page> AddAsync(PortalBrowser browser, Page page, string name, Func<string, string> answer, CancellationToken ct)
    {
        var (ceremony, options) = await OptionsAsync(browser, page, ct);
        return await SubmitAnswerAsync(browser, page, ceremony, answer(options), ct, name);
    }

    private static Task<(string Ceremony, string Options)> OptionsAsync(PortalBrowser browser, Page page, CancellationToken ct) =>
        browser.PasskeyOptionsAsync(page, "form[data-passkey-add]", ct);

    private static Task<Page> SubmitAnswerAsync(PortalBrowser browser, Page page, string ceremony, string credential, CancellationToken ct, string name = "Telefoon") =>
        browser.SubmitAsync(page, "form[data-passkey-add]", new Dictionary<string, string>
        {
            ["Ceremony"] = ceremony,
            ["Credential"] = credential,
            ["Name"] = name,
        }, ct);
}
