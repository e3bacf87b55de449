using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// An old hash is upgraded at sign-in only while it is still the stored one: a new password set while the upgrade is
/// computed wins, so a sign-in with the old password cannot bring the old password back.
/// </summary>
public sealed class PasswordUpgradeTests(ObservedHasherPortal app) : IClassFixture<ObservedHasherPortal>
{
    [Fact]
    [Trait("Attack", "Race")]
    public async Task Upgrade_PasswordChangedWhileHashing_KeepsTheNewPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var older = new PasswordHasher<PortalUser>(Options.Create(new PasswordHasherOptions { IterationCount = PortalFactory.TestHashIterations / 2 }))
            .HashPassword(new PortalUser(), account.Password!);
        var newer = app.Hasher.HashPassword(new PortalUser(), "een heel ander nieuw wachtwoord");
        await SetStoredHashAsync(account.Id, older, ct);
        app.Hasher.WhileHashing = () => SetStoredHashAsync(account.Id, newer, CancellationToken.None).GetAwaiter().GetResult();

        var next = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);
        app.Hasher.WhileHashing = null;

        Assert.NotEqual("/Account/Login", next.Url.AbsolutePath);
        Assert.Equal(newer, await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users
            .Where(u => u.Id == account.Id).Select(u => u.PasswordHash).SingleAsync(ct)));
    }

    private Task<int> SetStoredHashAsync(Guid userId, string hash, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users
            .Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash), ct));
}
