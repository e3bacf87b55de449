using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Presented = Sigma.Portal.Tests.Infrastructure.SoftwareAuthenticator.Presented;

namespace Sigma.Portal.Tests.TwoFactor;

/// <summary>
/// The passkey rules that do not depend on a screen: who the portal is (relying party id and origin from
/// Portal:PublicBaseUrl, never from the request), user verification required. Each ceremony runs through Identity's
/// passkey handler as the portal configures it, answered by a software authenticator; every request claims to be for
/// another host, which must change nothing.
/// </summary>
public sealed class PasskeyRelyingPartyTests : IAsyncLifetime
{
    private static readonly string PortalOrigin = TestPasskeys.PortalOrigin;

    private readonly PortalFactory _app = new();
    private TestAccount _account = null!;

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        _account = await new AccountBuilder(_app).WithAuthenticatorAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CreationOptions_NameThePublicAddress_NotTheRequestsHost_AndAskForVerificationAndAKeyOnTheDevice()
    {
        var options = JsonNode.Parse(await WithHandlerAsync(async (handler, http) =>
            (await handler.MakeCreationOptionsAsync(Entity(), http)).CreationOptionsJson))!;

        Assert.Equal(PortalFactory.PublicBaseUrl.Host, options["rp"]!["id"]!.GetValue<string>());
        Assert.Equal("required", options["authenticatorSelection"]!["userVerification"]!.GetValue<string>());
        Assert.Equal("required", options["authenticatorSelection"]!["residentKey"]!.GetValue<string>());
        Assert.Equal("none", options["attestation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registration_FromThePortalsOwnPage_IsAccepted_AsUserVerified()
    {
        using var authenticator = new SoftwareAuthenticator();

        var result = await RegisterAsync(authenticator, new Presented(PortalOrigin));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(authenticator.CredentialId, result.Passkey!.CredentialId);
        Assert.True(result.Passkey.IsUserVerified);
    }

    [Theory]
    [Trait("Attack", "Phishing")]
    [InlineData("https://portal.test.evil.example", null, false)]
    [InlineData("http://portal.test", null, false)]
    [InlineData("https://portal.test:8443", null, false)]
    [InlineData("https://evil.example", null, false)]
    [InlineData("https://portal.test", "evil.example", false)]
    [InlineData("https://portal.test", "test", false)]
    [InlineData("https://portal.test", null, true)]
    public async Task Registration_ForAnotherOriginOrRelyingParty_IsRefused(string origin, string? rpId, bool crossOrigin)
    {
        using var authenticator = new SoftwareAuthenticator();

        var result = await RegisterAsync(authenticator, new Presented(origin) { RpId = rpId, CrossOrigin = crossOrigin });

        Assert.False(result.Succeeded);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Registration_AnsweringAnotherChallenge_IsRefused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var earlier = JsonNode.Parse(await WithHandlerAsync(async (handler, http) =>
            (await handler.MakeCreationOptionsAsync(Entity(), http)).CreationOptionsJson))!["challenge"]!.GetValue<string>();

        var result = await RegisterAsync(authenticator, new Presented(PortalOrigin) { Challenge = earlier });

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Registration_WithoutUserVerification_IsRefused()
    {
        using var authenticator = new SoftwareAuthenticator();

        var result = await RegisterAsync(authenticator, new Presented(PortalOrigin) { UserVerified = false });

        Assert.False(result.Succeeded);
    }

    [Theory]
    [Trait("Attack", "Phishing")]
    [InlineData("https://evil.example", null)]
    [InlineData("https://portal.test", "evil.example")]
    public async Task SignIn_ForAnotherOriginOrRelyingParty_IsRefused(string origin, string? rpId)
    {
        using var authenticator = new SoftwareAuthenticator();
        await StoreAsync((await RegisterAsync(authenticator, new Presented(PortalOrigin))).Passkey);

        var genuine = await AssertAsync(authenticator, new Presented(PortalOrigin));
        var forged = await AssertAsync(authenticator, new Presented(origin) { RpId = rpId });

        Assert.True(genuine.Succeeded, genuine.Failure?.Message);
        Assert.False(forged.Succeeded);
    }

    [Fact]
    [Trait("Attack", "ClonedAuthenticator")]
    public async Task SignIn_WithACounterThatGoesBackwards_IsRefused()
    {
        using var authenticator = new SoftwareAuthenticator { SignCount = 5 };
        await StoreAsync((await RegisterAsync(authenticator, new Presented(PortalOrigin))).Passkey);

        authenticator.SignCount = 6;
        var forward = await AssertAsync(authenticator, new Presented(PortalOrigin));
        await StoreAsync(forward.Passkey);
        authenticator.SignCount = 4;
        var backward = await AssertAsync(authenticator, new Presented(PortalOrigin));

        Assert.True(forward.Succeeded, forward.Failure?.Message);
        Assert.False(backward.Succeeded);
    }

    [Theory]
    [InlineData("https://portal.test")]
    [InlineData("http://localhost:5000")]
    public async Task WithoutAPublicAddress_NoOriginIsAccepted_AndTheRequestsHostIsNotUsed(string origin)
    {
        var options = new IdentityPasskeyOptions();
        var http = new DefaultHttpContext();
        http.Request.Host = new HostString("portal.test");

        new Sigma.Portal.TwoFactor.Passkeys.PasskeyRelyingParty(Microsoft.Extensions.Options.Options.Create(new Sigma.Portal.Infrastructure.Hosting.PortalOptions())).Configure(options);
        var accepted = await options.ValidateOrigin!(new PasskeyOriginValidationContext { HttpContext = http, Origin = origin, CrossOrigin = false });

        Assert.False(accepted);
        Assert.EndsWith(".invalid", options.ServerDomain, StringComparison.Ordinal);
    }

    private PasskeyUserEntity Entity() => new() { Id = _account.Id.ToString(), Name = _account.Email, DisplayName = _account.DisplayName };

    private Task<PasskeyAttestationResult> RegisterAsync(SoftwareAuthenticator authenticator, Presented presented) =>
        TestPasskeys.RegisterAsync(_app, Entity(), authenticator, presented);

    private Task<PasskeyAssertionResult<PortalUser>> AssertAsync(SoftwareAuthenticator authenticator, Presented presented) =>
        WithHandlerAsync(async (handler, http) =>
        {
            var request = await handler.MakeRequestOptionsAsync(null, http);
            return await handler.PerformAssertionAsync(new PasskeyAssertionContext
            {
                CredentialJson = authenticator.Get(request.RequestOptionsJson, presented),
                AssertionState = request.AssertionState,
                HttpContext = http,
            });
        });

    private Task<bool> StoreAsync(UserPasskeyInfo? passkey) => TestPasskeys.StoreAsync(_app, _account.Id, passkey);

    private Task<T> WithHandlerAsync<T>(Func<IPasskeyHandler<PortalUser>, HttpContext, Task<T>> work) => TestPasskeys.WithHandlerAsync(_app, work);
}
