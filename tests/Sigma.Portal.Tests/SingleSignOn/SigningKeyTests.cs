using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sigma.Portal.SingleSignOn.Keys;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.SingleSignOn;

/// <summary>
/// Signing keys across a rotation: a new key is published before it signs, the old one stays published after, so an
/// application that refreshes JWKS as usual never meets a token it cannot verify. The same with certificates.
/// </summary>
public sealed class SigningKeyTests
{
    [Fact]
    public async Task StoredKey_Rotated_IsPublishedADayBeforeItSigns_AndTheOldOneStaysPublishedTwoDaysAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var keys = app.Services.GetRequiredService<TokenKeys>();
        var old = await SignInAsync(app, ct);

        var rotated = await keys.RotateAsync(ct);
        await keys.RefreshAsync(ct);
        var beforeItSigns = await SignInAsync(app, ct);
        var publishedBefore = await KeyIdsAsync(app, ct);

        app.Clock.Advance(TokenKeys.PublishLead + TimeSpan.FromMinutes(1));
        await keys.RefreshAsync(ct);
        var afterItSigns = await SignInAsync(app, ct);
        var publishedAfter = await KeyIdsAsync(app, ct);

        app.Clock.Advance(TokenKeys.RetireAfter);
        await keys.RefreshAsync(ct);
        var publishedLast = await KeyIdsAsync(app, ct);

        Assert.NotNull(rotated);
        Assert.Equal(old.Kid, beforeItSigns.Kid);
        Assert.Equal(new[] { old.Kid, rotated }.Order(StringComparer.Ordinal), publishedBefore.Order(StringComparer.Ordinal));
        Assert.Equal(rotated, afterItSigns.Kid);
        Assert.Equal(new[] { old.Kid, rotated }.Order(StringComparer.Ordinal), publishedAfter.Order(StringComparer.Ordinal));
        Assert.Equal([rotated], publishedLast);
    }

    [Fact]
    public async Task RotateSigningKeyCommand_AddsAKeyThatTheRunningPortalPublishes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var before = await KeyIdsAsync(app, ct);

        var result = await PortalProcess.RunCommandAsync(app, "rotate-signing-key", [], ct);
        await app.Services.GetRequiredService<TokenKeys>().RefreshAsync(ct);
        var after = await KeyIdsAsync(app, ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Nieuwe ondertekeningssleutel", result.Output, StringComparison.Ordinal);
        Assert.Single(before);
        Assert.Equal(2, after.Count);
        Assert.Contains(before[0], after);
    }

    [Fact]
    public async Task Certificates_TheConfiguredOneSigns_TheNextOneIsOnlyPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        var current = Certificate(app.Folder, "current", TimeSpan.FromDays(30));
        // Valid longer: OpenIddict, left to itself, would sign with it at once.
        var next = Certificate(app.Folder, "next", TimeSpan.FromDays(400));
        app.Settings["SingleSignOn:SigningCertificatePath"] = current.Path;
        app.Settings["SingleSignOn:AdditionalCertificatePaths:0"] = next.Path;
        await app.InitializeAsync();

        var signed = await SignInAsync(app, ct);
        var published = await KeyIdsAsync(app, ct);

        Assert.Equal(current.Thumbprint, signed.Kid);
        Assert.Equal(2, published.Count);
        Assert.Contains(current.Thumbprint, published);
        Assert.Contains(next.Thumbprint, published);
    }

    /// <summary>A sign-in through an application; the ID token it got, validated from JWKS.</summary>
    private static async Task<JsonWebToken> SignInAsync(PortalFactory app, CancellationToken ct)
    {
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var browser = app.NewBrowser();
        var request = application.NewRequest();
        var tokens = await application.RedeemAsync(browser.Client, application.CodeFrom(await TestApplication.SignInThroughPortalAsync(browser, app, account, request, ct), request), request.Verifier, ct);
        var validated = await application.ValidateIdTokenAsync(browser.Client, tokens.IdToken!, app.Clock.GetUtcNow(), ct);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        return (JsonWebToken)validated.SecurityToken;
    }

    private static async Task<List<string>> KeyIdsAsync(PortalFactory app, CancellationToken ct)
    {
        using var client = app.CreateClient();
        return [.. new JsonWebKeySet(await client.GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative), ct)).Keys.Select(k => k.Kid)];
    }

    private static (string Path, string Thumbprint) Certificate(string folder, string name, TimeSpan validFor)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Sigma.Portal token signing {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().Add(validFor));
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return (path, certificate.Thumbprint);
    }
}
