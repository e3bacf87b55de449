using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data.Accounts;
using Presented = Sigma.Portal.Tests.Infrastructure.SoftwareAuthenticator.Presented;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// A software authenticator's passkey registered for an account through Identity's handler as the portal configures
/// it, as Settings would, without the pages; every request claims another host, which must change nothing.
/// </summary>
public static class TestPasskeys
{
    public static readonly string PortalOrigin = PortalFactory.PublicBaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Registers and stores the authenticator's passkey for the account.</summary>
    public static async Task AddAsync(PortalFactory app, Guid accountId, SoftwareAuthenticator authenticator, string name = "Telefoon")
    {
        var result = await RegisterAsync(app, Entity(accountId), authenticator, new Presented(PortalOrigin));
        Assert.True(result.Succeeded, result.Failure?.Message);
        result.Passkey!.Name = name;
        await StoreAsync(app, accountId, result.Passkey);
    }

    public static PasskeyUserEntity Entity(Guid accountId) => new() { Id = accountId.ToString(), Name = "test", DisplayName = "Test" };

    public static Task<PasskeyAttestationResult> RegisterAsync(PortalFactory app, PasskeyUserEntity entity, SoftwareAuthenticator authenticator, Presented presented) =>
        WithHandlerAsync(app, async (handler, http) =>
        {
            ArgumentNullException.ThrowIfNull(authenticator);
            var creation = await handler.MakeCreationOptionsAsync(entity, http);
            return await handler.PerformAttestationAsync(new PasskeyAttestationContext
            {
                CredentialJson = authenticator.Create(creation.CreationOptionsJson, presented),
                AttestationState = creation.AttestationState,
                HttpContext = http,
            });
        });

    public static Task<bool> StoreAsync(PortalFactory app, Guid accountId, UserPasskeyInfo? passkey) => app.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(accountId.ToString()))!;
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey!)).Succeeded);
        return true;
    });

    public static Task<T> WithHandlerAsync<T>(PortalFactory app, Func<IPasskeyHandler<PortalUser>, HttpContext, Task<T>> work) => app.WithScopeAsync(services =>
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("evil.example");
        return work(services.GetRequiredService<IPasskeyHandler<PortalUser>>(), http);
    });
}
