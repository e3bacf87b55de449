using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sigma.Portal.Data;
using Sigma.Portal.Data.TwoFactor;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.Tests.TwoFactor;

public sealed class TotpVerifierTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    /// <summary>RFC 6238 Appendix B, SHA-1 rows: the RFC gives 8 digits; authenticator apps show the last 6.</summary>
    public static TheoryData<long, string> Rfc6238Vectors => new()
    {
        { 59, "94287082" },
        { 1111111109, "07081804" },
        { 1111111111, "14050471" },
        { 1234567890, "89005924" },
        { 2000000000, "69279037" },
        { 20000000000, "65353130" },
    };

    [Theory]
    [MemberData(nameof(Rfc6238Vectors))]
    public async Task Verifier_Rfc6238Vector_AcceptsTheSixDigitCode(long unixTime, string eightDigits)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixTime));
        var authenticator = await AuthenticatorWithSecretAsync(app, Encoding.ASCII.GetBytes("12345678901234567890"), ct);

        var result = await VerifyAsync(app, authenticator, eightDigits[2..], clock, ct);

        Assert.Equal(TotpResult.Accepted, result);
        Assert.Equal(eightDigits[2..], TestTotp.CodeAt(Encoding.ASCII.GetBytes("12345678901234567890"), unixTime / 30, 6));
    }

    [Theory]
    [InlineData(-2, TotpResult.Invalid)]
    [InlineData(-1, TotpResult.Accepted)]
    [InlineData(0, TotpResult.Accepted)]
    [InlineData(1, TotpResult.Accepted)]
    [InlineData(2, TotpResult.Invalid)]
    public async Task Verifier_CodeOfANeighbouringStep_IsAcceptedOneStepEitherSideOnly(int steps, TotpResult expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var secret = AuthenticatorSecrets.NewSecret();
        var authenticator = await AuthenticatorWithSecretAsync(app, secret, ct);
        var now = app.Clock.GetUtcNow();
        var code = TestTotp.CodeAt(secret, (now.ToUnixTimeSeconds() / 30) + steps, 6);

        var result = await VerifyAsync(app, authenticator, code, app.Clock, ct);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(-1, TotpResult.Invalid)]
    [InlineData(0, TotpResult.Accepted)]
    [InlineData(1, TotpResult.Invalid)]
    public async Task Verifier_ConfiguredWithoutClockSkew_RefusesTheNeighbouringSteps(int steps, TotpResult expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var strict = new PortalFactory();
        strict.Settings["TwoFactor:AllowedClockSkewSteps"] = "0";
        await strict.InitializeAsync();
        var secret = AuthenticatorSecrets.NewSecret();
        var authenticator = await AuthenticatorWithSecretAsync(strict, secret, ct);
        var code = TestTotp.CodeAt(secret, (strict.Clock.GetUtcNow().ToUnixTimeSeconds() / 30) + steps, 6);

        var result = await VerifyAsync(strict, authenticator, code, strict.Clock, ct);

        Assert.Equal(expected, result);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Verifier_CodeReplayedInSameTimeStep_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var secret = AuthenticatorSecrets.NewSecret();
        var authenticator = await AuthenticatorWithSecretAsync(app, secret, ct);
        var code = TestTotp.CodeAt(secret, app.Clock.GetUtcNow().ToUnixTimeSeconds() / 30, 6);

        var first = await VerifyAsync(app, authenticator, code, app.Clock, ct);
        var second = await VerifyAsync(app, authenticator, code, app.Clock, ct);

        Assert.Equal(TotpResult.Accepted, first);
        Assert.Equal(TotpResult.Replayed, second);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Verifier_CodeOlderThanTheLastAccepted_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var secret = AuthenticatorSecrets.NewSecret();
        var authenticator = await AuthenticatorWithSecretAsync(app, secret, ct);
        var step = app.Clock.GetUtcNow().ToUnixTimeSeconds() / 30;

        var newer = await VerifyAsync(app, authenticator, TestTotp.CodeAt(secret, step + 1, 6), app.Clock, ct);
        var older = await VerifyAsync(app, authenticator, TestTotp.CodeAt(secret, step, 6), app.Clock, ct);

        Assert.Equal(TotpResult.Accepted, newer);
        Assert.Equal(TotpResult.Replayed, older);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Verifier_OneCodeSubmittedTwentyTimesAtOnce_IsAcceptedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var secret = AuthenticatorSecrets.NewSecret();
        var authenticator = await AuthenticatorWithSecretAsync(app, secret, ct);
        var code = TestTotp.CodeAt(secret, app.Clock.GetUtcNow().ToUnixTimeSeconds() / 30, 6);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => VerifyAsync(app, authenticator, code, app.Clock, ct), ct)));

        Assert.Equal(1, results.Count(r => r == TotpResult.Accepted));
        Assert.Equal(19, results.Count(r => r == TotpResult.Replayed));
    }

    [Theory]
    [InlineData("123 456", "123456")]
    [InlineData(" 123456 ", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("１２３４５６", null)]
    public void Code_WithSpaces_IsToleratedButOnlySixAsciiDigitsCount(string input, string? expected)
    {
        Assert.Equal(expected, TotpVerifier.Normalize(input));
    }

    private static async Task<Authenticator> AuthenticatorWithSecretAsync(PortalFactory portal, byte[] secret, CancellationToken ct)
    {
        var account = await new AccountBuilder(portal).ActivatedAsync(ct);
        return await portal.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var now = portal.Clock.GetUtcNow().UtcDateTime;
            var authenticator = services.GetRequiredService<AuthenticatorSecrets>().NewAuthenticator(account.Id, secret, now, activatedUtc: now);
            db.Authenticators.Add(authenticator);
            await db.SaveChangesAsync(ct);
            return authenticator;
        });
    }

    private static Task<TotpResult> VerifyAsync(PortalFactory portal, Authenticator authenticator, string code, TimeProvider clock, CancellationToken ct) =>
        portal.WithScopeAsync(async services =>
        {
            var verifier = new TotpVerifier(
                services.GetRequiredService<PortalDbContext>(),
                services.GetRequiredService<AuthenticatorSecrets>(),
                services.GetRequiredService<IOptions<TwoFactorOptions>>(),
                clock,
                services.GetRequiredService<ILogger<TotpVerifier>>());
            var current = await services.GetRequiredService<PortalDbContext>().Authenticators.AsNoTracking().SingleAsync(a => a.Id == authenticator.Id, ct);
            return await verifier.VerifyAsync(current, code, ct);
        });
}
