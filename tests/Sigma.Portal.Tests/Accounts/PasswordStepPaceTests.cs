using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// The password step of any address takes the time of two password hashes — the most one address holds — so response
/// times do not tell an address with two accounts from one with one or none. What each step did is read from its log
/// line (hashes verified, hashes waited out); the wait is timed on the portal's fake clock, and real times are measured
/// by the benchmarks project's password-step-times, never here.
/// </summary>
public sealed partial class PasswordStepPaceTests(ObservedHasherPortal app) : IClassFixture<ObservedHasherPortal>
{
    [Fact]
    [Trait("Attack", "AccountEnumeration")]
    public async Task PasswordStep_EveryKindOfAddress_TakesTheTimeOfTwoHashes()
    {
        var ct = TestContext.Current.CancellationToken;
        var one = await new AccountBuilder(app).ActivatedAsync(ct);
        var two = await new AccountBuilder(app).ActivatedAsync(ct);
        await new AccountBuilder(app).WithEmail(two.Email).AsEmployer().ActivatedAsync(ct);
        var invited = await new AccountBuilder(app).InvitedAsync(ct);
        var deactivated = await new AccountBuilder(app).ActivatedAsync(ct);
        await app.WithScopeAsync(s => s.GetRequiredService<AccountDeactivation>().DeactivateAsync(deactivated.Id, Guid.NewGuid(), "test", ct));
        var locked = await new AccountBuilder(app).ActivatedAsync(ct);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await app.NewBrowser().PasswordStepAsync(locked.Email, $"fout {attempt}", ct);
        }

        var steps = new Dictionary<string, (int Hashes, int Waited)>
        {
            ["unknown"] = await PacedAsync($"nobody-{Guid.NewGuid():N}@test.example", "een wachtwoord", ct),
            ["one account, wrong password"] = await PacedAsync(one.Email, "een verkeerd wachtwoord", ct),
            ["one account, right password"] = await PacedAsync(one.Email, one.Password!, ct),
            ["two accounts"] = await PacedAsync(two.Email, "een verkeerd wachtwoord", ct),
            ["invited"] = await PacedAsync(invited.Email, "een wachtwoord", ct),
            ["deactivated"] = await PacedAsync(deactivated.Email, deactivated.Password!, ct),
            ["locked"] = await PacedAsync(locked.Email, locked.Password!, ct),
        };

        Assert.All(steps, step => Assert.True(step.Value.Hashes + step.Value.Waited == 2, $"{step.Key}: {step.Value}"));
        Assert.Equal((2, 0), steps["two accounts"]);
        Assert.Equal((1, 1), steps["unknown"]);
    }

    /// <summary>Each hash "takes" five minutes on the portal's clock: the answer then waits until five more have passed.</summary>
    [Fact]
    [Trait("Attack", "AccountEnumeration")]
    public async Task PasswordStep_OneAccount_HoldsTheAnswerForTheHashItDidNotNeed()
    {
        var ct = TestContext.Current.CancellationToken;
        var one = await new AccountBuilder(app).ActivatedAsync(ct);
        var paced = app.Logs.NextAsync(e => e.Contains("Password step verified", StringComparison.Ordinal));
        app.Hasher.WhileVerifying = () => app.Clock.Advance(TimeSpan.FromMinutes(5));

        var step = app.NewBrowser().PasswordStepAsync(one.Email, "een verkeerd wachtwoord", ct);
        await Task.WhenAny(step, paced).WaitAsync(TimeSpan.FromSeconds(30), ct);
        app.Hasher.WhileVerifying = null;
        var waiting = paced.IsCompleted && !step.IsCompleted;
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var page = await step;

        Assert.Contains("verified 1 hash(es) and waits 00:05:00 for 1 more", await paced, StringComparison.Ordinal);
        Assert.True(waiting, "answered before waiting out the second hash");
        Assert.Equal("Inloggen", page.Text("h1"));
    }

    private async Task<(int Hashes, int Waited)> PacedAsync(string email, string password, CancellationToken ct)
    {
        var before = app.Logs.Entries.Count;
        await app.NewBrowser().PasswordStepAsync(email, password, ct);
        var line = Assert.Single(app.Logs.Entries.Skip(before), e => e.Contains("Password step verified", StringComparison.Ordinal));
        var match = Paced().Match(line);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"verified (\d+) hash\(es\) and waits [0-9:.]+ for (\d+) more")]
    private static partial Regex Paced();
}
