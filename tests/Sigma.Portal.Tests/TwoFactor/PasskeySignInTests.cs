using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Audit;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Presented = Sigma.Portal.Tests.Infrastructure.SoftwareAuthenticator.Presented;

namespace Sigma.Portal.Tests.TwoFactor;

/// <summary>
/// "Inloggen met passkey" and a passkey at the code step, over HTTP, the browser's part played by a software
/// authenticator: one passkey with user verification is a full two-factor sign-in; every forged, replayed, late or
/// cloned answer is refused, audited and signs nobody in.
/// </summary>
public sealed class PasskeySignInTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private const string Refused = "Inloggen met de passkey is niet gelukt. Probeer het opnieuw, of log in met uw wachtwoord en code.";

    [Fact]
    public async Task LoginPage_Passkey_SignsInWithoutPasswordOrCode_AsATwoFactorSession_AndRecordsItsUse()
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, authenticator) = await WithPasskeyAsync(new AccountBuilder(app), ct);
        using var _ = authenticator;
        var browser = app.NewBrowser();

        var login = await browser.OpenAsync("/Account/Login", ct);
        var home = await browser.SignInWithPasskeyAsync(authenticator, ct);
        var settings = await browser.OpenAsync("/Settings", ct);

        // Without JavaScript the form stays hidden and the page is the password form it always was.
        Assert.True(login.Has("form[data-passkey-sign-in][hidden]"));
        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal("/Settings", settings.Url.AbsolutePath);
        Assert.Contains("Met passkey", settings.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Contains(await EventsAsync(account.Id, ct), e => e is { EventType: "SignInSucceeded", Detail: "passkey" });
        Assert.NotNull(await LastUsedAsync(authenticator, ct));
    }

    [Fact]
    public async Task TwoAccountsOfOnePerson_EachPasskey_OpensItsOwnAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var (employee, employeeKey) = await WithPasskeyAsync(new AccountBuilder(app), ct);
        var (_, employerKey) = await WithPasskeyAsync(new AccountBuilder(app).WithEmail(employee.Email).AsEmployer(), ct);
        using var __ = employeeKey;
        using var ___ = employerKey;

        var asEmployer = await app.NewBrowser().SignInWithPasskeyAsync(employerKey, ct);
        var asEmployee = await app.NewBrowser().SignInWithPasskeyAsync(employeeKey, ct);

        Assert.Contains("Werkgever", asEmployer.Text("dl.summary"), StringComparison.Ordinal);
        Assert.Contains("Werknemer", asEmployee.Text("dl.summary"), StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Attack", "Phishing")]
    [InlineData("https://evil.example", null, true, false)]
    [InlineData("https://portal.test.evil.example", null, true, false)]
    [InlineData("https://portal.test", "evil.example", true, false)]
    [InlineData("https://portal.test", null, true, true)]
    [InlineData("https://portal.test", null, false, false)]
    public async Task LoginPage_AnswerForAnotherSiteOrWithoutVerification_IsRefusedAndAudited(string origin, string? rpId, bool verified, bool crossOrigin)
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, authenticator) = await WithPasskeyAsync(new AccountBuilder(app), ct);
        using var _ = authenticator;
        var browser = app.NewBrowser();
        var login = await browser.OpenAsync("/Account/Login", ct);

        var page = await browser.PasskeyStepAsync(login, options =>
            authenticator.Get(options, new Presented(origin) { RpId = rpId, UserVerified = verified, CrossOrigin = crossOrigin }), ct);

        await AssertRefusedAsync(browser, page, ct);
        Assert.Contains(await EventsAsync(account.Id, ct), e => e is { EventType: "SignInFailed", Detail: "PasskeyRefused" });
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Answer_PostedAgain_IsRefused_TheChallengeWasUsedUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (browser, login, ceremony, options, authenticator) = await ChallengedAsync(ct);
        using var _ = authenticator;
        var answer = authenticator.Get(options, new Presented(TestPasskeys.PortalOrigin));
        var genuine = await browser.SubmitAsync(login, "form[data-passkey-sign-in]", Answer(ceremony, answer), ct);

        var attacker = app.NewBrowser();
        var replayed = await attacker.SubmitAsync(await attacker.OpenAsync("/Account/Login", ct), "form[data-passkey-sign-in]", Answer(ceremony, answer), ct);

        Assert.Equal("/", genuine.Url.AbsolutePath);
        await AssertRefusedAsync(attacker, replayed, ct);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Answer_ToAnotherChallengeThanItsCeremonys_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (browser, login, ceremony, options, authenticator) = await ChallengedAsync(ct);
        using var _ = authenticator;
        var (_, otherOptions) = await browser.PasskeyOptionsAsync(login, "form[data-passkey-sign-in]", ct);
        var otherChallenge = System.Text.Json.Nodes.JsonNode.Parse(otherOptions)!["challenge"]!.GetValue<string>();

        var page = await browser.SubmitAsync(login, "form[data-passkey-sign-in]",
            Answer(ceremony, authenticator.Get(options, new Presented(TestPasskeys.PortalOrigin) { Challenge = otherChallenge })), ct);

        await AssertRefusedAsync(browser, page, ct);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Answer_AfterTheChallengeExpired_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (browser, login, ceremony, options, authenticator) = await ChallengedAsync(ct);
        using var _ = authenticator;

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await browser.SubmitAsync(login, "form[data-passkey-sign-in]",
            Answer(ceremony, authenticator.Get(options, new Presented(TestPasskeys.PortalOrigin))), ct);

        await AssertRefusedAsync(browser, late, ct);
    }

    [Theory]
    [Trait("Attack", "ClonedAuthenticator")]
    [InlineData(4u)]
    [InlineData(6u)]
    public async Task Passkey_WhoseCounterDoesNotMoveOn_IsRefusedAndAuditedAgainstItsAccount(uint cloneCount)
    {
        var ct = TestContext.Current.CancellationToken;
        using var authenticator = new SoftwareAuthenticator { SignCount = 5 };
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        await TestPasskeys.AddAsync(app, account.Id, authenticator);

        authenticator.SignCount = 6;
        var original = await app.NewBrowser().SignInWithPasskeyAsync(authenticator, ct);
        authenticator.SignCount = cloneCount;
        var clone = app.NewBrowser();
        var cloned = await clone.SignInWithPasskeyAsync(authenticator, ct);

        Assert.Equal("/", original.Url.AbsolutePath);
        await AssertRefusedAsync(clone, cloned, ct);
        Assert.Contains(await EventsAsync(account.Id, ct), e => e is { EventType: "SignInFailed", Detail: "PasskeyRefused" });
    }

    [Fact]
    public async Task Passkey_TheAccountNoLongerHas_OrOfADeactivatedAccount_SignsNobodyIn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var unknown = new SoftwareAuthenticator();
        using var deactivatedKey = new SoftwareAuthenticator();
        var deactivated = await new AccountBuilder(app).DeactivatedAsync(ct);
        await TestPasskeys.AddAsync(app, deactivated.Id, deactivatedKey);

        var strangerBrowser = app.NewBrowser();
        var stranger = await strangerBrowser.SignInWithPasskeyAsync(unknown, ct);
        var formerBrowser = app.NewBrowser();
        var former = await formerBrowser.SignInWithPasskeyAsync(deactivatedKey, ct);

        await AssertRefusedAsync(strangerBrowser, stranger, ct);
        await AssertRefusedAsync(formerBrowser, former, ct);
        Assert.Contains(await EventsAsync(deactivated.Id, ct), e => e is { EventType: "SignInFailed", Detail: "Deactivated" });
    }

    [Fact]
    public async Task CodeStep_TakesThePasskeyInsteadOfTheCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var (account, authenticator) = await WithPasskeyAsync(new AccountBuilder(app), ct);
        using var _ = authenticator;
        var browser = app.NewBrowser();

        var codeStep = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var home = await browser.PasskeyStepAsync(codeStep, options => authenticator.Get(options, new Presented(TestPasskeys.PortalOrigin)), ct);

        Assert.Equal("/TwoFactor/Verify", codeStep.Url.AbsolutePath);
        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Contains(await EventsAsync(account.Id, ct), e => e is { EventType: "SignInSucceeded", Detail: "pwd+passkey" });
    }

    [Fact]
    [Trait("Attack", "AccountTakeover")]
    public async Task CodeStep_RefusesAnotherAccountsPasskey()
    {
        var ct = TestContext.Current.CancellationToken;
        var (victim, _) = await WithPasskeyAsync(new AccountBuilder(app), ct);
        var (_, attackersKey) = await WithPasskeyAsync(new AccountBuilder(app), ct);
        using var __ = attackersKey;
        var browser = app.NewBrowser();

        var codeStep = await browser.PasswordStepAsync(victim.Email, victim.Password!, ct);
        var page = await browser.PasskeyStepAsync(codeStep, options => attackersKey.Get(options, new Presented(TestPasskeys.PortalOrigin)), ct);
        var settings = await browser.OpenAsync("/Settings", ct);

        Assert.Equal("/TwoFactor/Verify", page.Url.AbsolutePath);
        Assert.Equal("De passkey is niet geaccepteerd. Probeer het opnieuw of vul de code in.", page.Text(".notice--error"));
        Assert.Equal("/Account/Login", settings.Url.AbsolutePath);
    }

    [Fact]
    public async Task CodeStep_OfAnAccountWithoutPasskeys_OffersNone()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);

        var codeStep = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);

        Assert.Equal("/TwoFactor/Verify", codeStep.Url.AbsolutePath);
        Assert.False(codeStep.Has("form[data-passkey-sign-in]"));
    }

    private static Dictionary<string, string> Answer(string ceremony, string credential) => new()
    {
        ["Ceremony"] = ceremony,
        ["Credential"] = credential,
    };

    private static async Task AssertRefusedAsync(PortalBrowser browser, Page page, CancellationToken ct)
    {
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Equal(Refused, page.Text(".notice--error"));
        Assert.Equal("/Account/Login", (await browser.OpenAsync("/Settings", ct)).Url.AbsolutePath);
    }

    private async Task<(TestAccount Account, SoftwareAuthenticator Authenticator)> WithPasskeyAsync(AccountBuilder builder, CancellationToken ct)
    {
        var account = await builder.WithAuthenticatorAsync(ct);
        var authenticator = new SoftwareAuthenticator();
        await TestPasskeys.AddAsync(app, account.Id, authenticator);
        return (account, authenticator);
    }

    /// <summary>An account with a passkey, and a browser on the login page that has asked for a challenge.</summary>
    private async Task<(PortalBrowser Browser, Page Login, string Ceremony, string Options, SoftwareAuthenticator Authenticator)> ChallengedAsync(CancellationToken ct)
    {
        var (_, authenticator) = await WithPasskeyAsync(new AccountBuilder(app), ct);
        var browser = app.NewBrowser();
        var login = await browser.OpenAsync("/Account/Login", ct);
        var (ceremony, options) = await browser.PasskeyOptionsAsync(login, "form[data-passkey-sign-in]", ct);
        return (browser, login, ceremony, options, authenticator);
    }

    private Task<List<AuditEvent>> EventsAsync(Guid userId, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().Where(e => e.UserId == userId).ToListAsync(ct));

    private Task<DateTime?> LastUsedAsync(SoftwareAuthenticator authenticator, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Set<IdentityUserPasskey<Guid>>()
            .Where(p => p.CredentialId == authenticator.CredentialId)
            .Select(p => EF.Property<DateTime?>(p, PortalDbContext.LastUsedColumn))
            .SingleAsync(ct));
}
