using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// Response time follows the number of slow hashes a login verifies; counting them shows that an unknown address
/// costs the same work as a known one, without asserting on timings.
/// </summary>
public sealed class LoginWorkTests(LoginWorkTests.CountingPortal app) : IClassFixture<LoginWorkTests.CountingPortal>
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
        var hasher = (CountingHasher)app.Services.GetRequiredService<IPasswordHasher<PortalUser>>();
        var before = hasher.Verifications;
        await action();
        return hasher.Verifications - before;
    }

    public sealed class CountingPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IPasswordHasher<PortalUser>>();
                services.AddSingleton<IPasswordHasher<PortalUser>>(sp =>
                    new CountingHasher(new PortalPasswordHasher(sp.GetRequiredService<IOptions<PasswordHasherOptions>>())));
            });
        }
    }

    /// <summary>The portal's real hasher, counting how often it verifies.</summary>
    private sealed class CountingHasher(IPasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
