using System.Net;
using Sigma.Portal.Infrastructure.Hosting;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor;

namespace Sigma.Portal.Tests.Administration;

/// <summary>
/// TwoFactor:RequirePasskeyForAdministrators: the console only for a session signed in with a passkey; an administrator
/// without one is led to add one, with one to sign in with it; nobody else is let in by it.
/// </summary>
public sealed class AdministratorPasskeyTests : IAsyncLifetime
{
    private readonly PortalFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        _app.Settings["TwoFactor:RequirePasskeyForAdministrators"] = "true";
        await _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Console_ForAnAdministratorWithoutAPasskey_LeadsToAddingOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await new AccountBuilder(_app).AsAdministrator().WithAuthenticatorAsync(ct);
        var browser = _app.NewBrowser();
        await browser.SignInAsync(_app, admin, ct);

        using var console = await browser.Client.GetAsync(new Uri("/Admin/Accounts", UriKind.Relative), ct);
        var confirm = await browser.FollowAsync(console, ct);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var passkeys = await browser.SubmitAsync(confirm, "form.confirm-form", new Dictionary<string, string>
        {
            ["Password"] = admin.Password!,
            ["Code"] = TestTotp.CodeAt(admin.AuthenticatorKey!, _app.Clock.GetUtcNow()),
        }, ct);

        Assert.Equal("/Settings/Passkeys", console.Headers.Location!.OriginalString);
        Assert.Equal("/Settings/Passkeys", passkeys.Url.AbsolutePath);
        Assert.StartsWith("Het beheer vraagt een passkey.", passkeys.Text(".notice"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "Phishing")]
    public async Task Console_ForAnAdministratorSignedInWithPasswordAndCode_AsksForThePasskey_AndOpensAfterSigningInWithIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await new AccountBuilder(_app).AsAdministrator().WithAuthenticatorAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        await TestPasskeys.AddAsync(_app, admin.Id, authenticator);
        var browser = _app.NewBrowser();
        await browser.SignInAsync(_app, admin, ct);

        using var refused = await browser.Client.GetAsync(new Uri("/Admin/Accounts?page=2", UriKind.Relative), ct);
        var login = await browser.FollowAsync(refused, ct);
        var console = await browser.SignInWithPasskeyAsync(authenticator, ct, returnUrl: "/Admin/Accounts?page=2");

        Assert.Equal("/Account/Login?returnUrl=%2FAdmin%2FAccounts%3Fpage%3D2", refused.Headers.Location!.OriginalString);
        Assert.StartsWith("Het beheer opent alleen na inloggen met een passkey.", login.Text(".notice"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, console.Status);
        Assert.Equal("/Admin/Accounts", console.Url.AbsolutePath);
    }

    [Fact]
    public async Task Console_ForSomeoneWhoIsNoAdministrator_StaysClosed_PasskeyOrNot()
    {
        var ct = TestContext.Current.CancellationToken;
        var employee = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        await TestPasskeys.AddAsync(_app, employee.Id, authenticator);
        var browser = _app.NewBrowser();
        await browser.SignInWithPasskeyAsync(authenticator, ct);

        var console = await browser.OpenAsync("/Admin/Accounts", ct);

        Assert.Equal(HttpStatusCode.Forbidden, console.Status);
    }

    [Fact]
    public void Option_WithoutAPublicAddress_StopsTheStart()
    {
        var validator = new TwoFactorOptionsValidator(Microsoft.Extensions.Options.Options.Create(new PortalOptions()));

        var result = validator.Validate(null, new TwoFactorOptions { RequirePasskeyForAdministrators = true });

        Assert.True(result.Failed);
    }
}
