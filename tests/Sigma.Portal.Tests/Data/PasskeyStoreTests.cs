using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Data;

public sealed class PasskeyStoreTests
{
    [Fact]
    public async Task Passkey_StoredForAnAccount_IsFoundByItsCredentialId_AndGoesWithTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        byte[] credentialId = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

        var (supported, owner, stored, afterDeletion) = await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(account.Id.ToString()))!;
            var passkey = new UserPasskeyInfo(credentialId, [9, 9, 9], app.Clock.GetUtcNow(), 0, ["internal"], true, true, false, [1], [2]) { Name = "Laptop" };
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
            var owner = await users.FindByPasskeyIdAsync(credentialId);
            var stored = await users.GetPasskeysAsync(user);
            Assert.True((await users.DeleteAsync(user)).Succeeded);
            return (users.SupportsUserPasskey, owner?.Id, stored, await users.FindByPasskeyIdAsync(credentialId));
        });

        Assert.True(supported);
        Assert.Equal(account.Id, owner);
        Assert.Equal("Laptop", Assert.Single(stored).Name);
        Assert.Null(afterDeletion);
    }
}
