using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// Response time follows the number of slow hashes a login verifies; counting them shows that an unknown address
/// costs the same work as a known one, without asserting on timings.
/// </summary>
public sealed class LoginWorkTests(ObservedHasherPortal app) : IClassFixture<ObservedHasherPortal>
{
    [Fact]
    [Trait("Attack", "AccountEnumeration")]
    public async Task Login_UnknownEmail_VerifiesOneHashLikeAKnownEmail()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();

        var known = await CountVerificationsAsync(() => browser.PasswordStepAsync(account.Email, "niet het goede wachtwoord", ct));
        var unknown = await CountVerificationsAsync(() => browser.PasswordStepAsync($"nobody-{Guid.NewGuid():N}@test.example", "niet het goede wachtwoord", ct));
        var pending = await new AccountBuilder(app).InvitedAsync(ct);
        var notActivated = await CountVerificationsAsync(() => browser.PasswordStepAsync(pending.Email, "niet het goede wachtwoord", ct));

        Assert.Equal(1, known);
        Assert.Equal(1, unknown);
        Assert.Equal(1, notActivated);
    }

    [Fact]
    public async Task Login_EmailWithTwoAccounts_ChecksThePasswordAgainstEach()
    {
        var ct = TestContext.Current.CancellationToken;
        var employee = await new AccountBuilder(app).ActivatedAsync(ct);
        await new AccountBuilder(app).WithEmail(employee.Email).AsEmployer().ActivatedAsync(ct);

        var verifications = await CountVerificationsAsync(() => app.NewBrowser().PasswordStepAsync(employee.Email, employee.Password!, ct));

        Assert.Equal(2, verifications);
    }

    private async Task<int> CountVerificationsAsync(Func<Task> action)
    {
        var before = app.Hasher.Verifications;
        await action();
        return app.Hasher.Verifications - before;
    }
}
