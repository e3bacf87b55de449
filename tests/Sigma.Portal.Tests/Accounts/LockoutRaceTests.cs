using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// Guesses sent all at once, each from its own address: the limit of ten failures holds however many arrive together,
/// because each guess is counted before it is evaluated. Which of them get evaluated depends on timing; how many never
/// exceeds the limit.
/// </summary>
public sealed class LockoutRaceTests(ObservedHasherPortal app) : IClassFixture<ObservedHasherPortal>
{
    private const int Limit = 10;

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task Passwords_FortyAtOnceWithTheRightOneAmongThem_AtMostTheLimitAreEvaluated()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var hash = await StoredHashAsync(account.Id, ct);
        var guesses = Enumerable.Range(0, 39).Select(i => $"een verkeerde gok nummer {i}").Append(account.Password!).ToList();
        var browsers = await Task.WhenAll(guesses.Select(_ => OpenLoginAsync(ct)));

        var answers = await Task.WhenAll(guesses.Select((guess, i) => browsers[i].Browser.PostFormAsync(browsers[i].Login, "form.login-form",
            new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = guess }, ct)));

        Assert.InRange(app.Hasher.VerificationsOf(hash), 1, Limit);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"answered {a.StatusCode}"));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task Codes_ThirtyAtOnceWithTheRightOneAmongThem_AtMostTheLimitAreEvaluated()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var codePages = await PasswordStepsAsync(account, 30, ct);

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var now = app.Clock.GetUtcNow();
        var right = TestTotp.CodeAt(account.AuthenticatorKey!, now);
        // Wrong for any step the verifier accepts, the neighbours included.
        var accepted = new[] { -30, 0, 30 }.Select(s => TestTotp.CodeAt(account.AuthenticatorKey!, now.AddSeconds(s))).ToHashSet();
        var codes = Enumerable.Range(1, 100).Select(i => Shifted(right, i)).Where(c => !accepted.Contains(c)).Take(29).Append(right).ToList();
        var answers = await Task.WhenAll(codes.Select((code, i) => codePages[i].Browser.PostFormAsync(codePages[i].Page, "form.code-form",
            new Dictionary<string, string> { ["Code"] = code }, ct)));

        var evaluated = await FailuresAsync(account.Id, "WrongCode", ct) + answers.Count(SignedIn);
        Assert.InRange(evaluated, 1, Limit);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"answered {a.StatusCode}"));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task RecoveryCodes_FortyAtOnceWithARightOneAmongThem_AtMostTheLimitAreEvaluated()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var forms = new List<(PortalBrowser Browser, Page Page)>();
        foreach (var (browser, _) in await PasswordStepsAsync(account, 40, ct))
        {
            forms.Add((browser, await browser.OpenAsync("/TwoFactor/Recovery", ct)));
        }

        var codes = Enumerable.Range(0, 39).Select(i => $"WRONG-{i:D5}").Append(account.RecoveryCodes[0]).ToList();
        var answers = await Task.WhenAll(codes.Select((code, i) => forms[i].Browser.PostFormAsync(forms[i].Page, "form.recovery-form",
            new Dictionary<string, string> { ["RecoveryCode"] = code }, ct)));

        var evaluated = await FailuresAsync(account.Id, "WrongRecoveryCode", ct) + answers.Count(SignedIn);
        Assert.InRange(evaluated, 1, Limit);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"answered {a.StatusCode}"));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task AccessPasses_FortyAtOnceWithTheRightOneAmongThem_AtMostTheLimitAreEvaluated()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var pass = (await admin.ConfirmAsync(account.Id, "ResetTwoFactor", "confirm-reset", "Telefoon verloren", ct)).Text("#access-pass");
        var forms = await PasswordStepsAsync(account, 40, ct);

        var passes = Enumerable.Range(0, 39).Select(i => $"ZZZZ-ZZZZ-{i:D4}").Append(pass).ToList();
        var answers = await Task.WhenAll(passes.Select((guess, i) => forms[i].Browser.PostFormAsync(forms[i].Page, "form.access-pass-form",
            new Dictionary<string, string> { ["AccessPass"] = guess }, ct)));

        var evaluated = await FailuresAsync(account.Id, "WrongAccessPass", ct)
            + answers.Count(a => a.StatusCode == HttpStatusCode.Redirect && a.Headers.Location!.OriginalString.StartsWith("/TwoFactor/Setup", StringComparison.Ordinal));
        Assert.InRange(evaluated, 1, Limit);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"answered {a.StatusCode}"));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task Reauthentication_FortyAtOnceWithTheRightPasswordAmongThem_AtMostTheLimitAreEvaluated()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var hash = await StoredHashAsync(account.Id, ct);
        var forms = new List<(PortalBrowser Browser, Page Page)>();
        for (var i = 0; i < 40; i++)
        {
            var browser = app.NewBrowser();
            await browser.SignInAsync(app, account, ct);
            forms.Add((browser, await browser.OpenAsync("/Settings/TwoFactor/Confirm?next=RecoveryCodes", ct)));
        }

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = TestTotp.CodeAt(account.AuthenticatorKey!, app.Clock.GetUtcNow());
        var before = app.Hasher.VerificationsOf(hash);
        var passwords = Enumerable.Range(0, 39).Select(i => $"een verkeerde gok nummer {i}").Append(account.Password!).ToList();
        var answers = await Task.WhenAll(passwords.Select((password, i) => forms[i].Browser.PostFormAsync(forms[i].Page, "form.confirm-form",
            new Dictionary<string, string> { ["Password"] = password, ["Code"] = code }, ct)));

        Assert.InRange(app.Hasher.VerificationsOf(hash) - before, 1, Limit);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"answered {a.StatusCode}"));
    }

    private static bool SignedIn(HttpResponseMessage answer) =>
        answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location!.OriginalString == "/";

    /// <summary>Browsers that each passed the password step, now at the second step.</summary>
    private async Task<List<(PortalBrowser Browser, Page Page)>> PasswordStepsAsync(TestAccount account, int count, CancellationToken ct)
    {
        var steps = new List<(PortalBrowser Browser, Page Page)>();
        for (var i = 0; i < count; i++)
        {
            var browser = app.NewBrowser();
            steps.Add((browser, await browser.PasswordStepAsync(account.Email, account.Password!, ct)));
        }

        return steps;
    }

    private Task<int> FailuresAsync(Guid userId, string reason, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .CountAsync(e => e.UserId == userId && e.EventType == "SignInFailed" && e.Detail == reason, ct));

    private static string Shifted(string code, int by) =>
        ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + by) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(PortalBrowser Browser, Page Login)> OpenLoginAsync(CancellationToken ct)
    {
        var browser = app.NewBrowser();
        return (browser, await browser.OpenAsync("/Account/Login", ct));
    }

    private Task<string> StoredHashAsync(Guid id, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id).Select(u => u.PasswordHash!).SingleAsync(ct));
}
