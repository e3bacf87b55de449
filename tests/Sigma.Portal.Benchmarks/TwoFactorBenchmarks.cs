using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.TwoFactor;
using Sigma.Portal.Infrastructure.Security;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// The cheap steps around a sign-in, each against the real SQLite database: a TOTP code checked and claimed (the
/// conditional UPDATE that stops replays), a replayed code refused, the setup QR code drawn, a recovery code hashed,
/// and an activation link issued and checked.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class TwoFactorBenchmarks : IDisposable
{
    private PortalFactory _host = null!;
    private Authenticator _authenticator = null!;
    private Totp _app = null!;
    private string _replayed = "";
    private Guid _user;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = await BenchmarkPortal.StartAsync();
        _authenticator = await _host.WithScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<AccountCreator>().CreateAsync(
                new NewAccount { Email = "jan@bench.example", DisplayName = "Jan", AccountType = AccountType.Employee, Language = "nl" }, CancellationToken.None);
            _user = created.Account!.Id;
            var secret = AuthenticatorSecrets.NewSecret();
            _app = new Totp(secret);
            var now = _host.Clock.GetUtcNow().UtcDateTime;
            var authenticator = services.GetRequiredService<AuthenticatorSecrets>().NewAuthenticator(_user, secret, now, activatedUtc: now);
            var db = services.GetRequiredService<PortalDbContext>();
            db.Authenticators.Add(authenticator);
            await db.SaveChangesAsync();
            return authenticator;
        });
        _replayed = NextCode();
        await VerifyAsync(_replayed);
    }

    /// <summary>A new code each time (the clock moves one 30-second step), accepted and claimed.</summary>
    [Benchmark]
    public Task<TotpResult> TotpAccepted() => VerifyAsync(NextCode());

    [Benchmark]
    public Task<TotpResult> TotpReplayRefused() => VerifyAsync(_replayed);

    [Benchmark]
    public string QrCodeSvgOfSetup() =>
        QrCodeSvg.Create(OtpAuthUri.For("Sigma Personeelsdiensten", "jan@bench.example (Werknemer)", AuthenticatorSecrets.NewSecret()), "QR-code").ToString();

    [Benchmark]
    public ValueTask<string> RecoveryCodeHash() => _host.Services.GetRequiredService<SecretHasher>().HashAsync("4KQ7-MZ2P-XW9D", CancellationToken.None);

    [Benchmark]
    public Task<bool> ActivationLinkIssuedAndChecked() => _host.WithScopeAsync(async services =>
    {
        var tokens = services.GetRequiredService<AccountTokens>();
        var token = await tokens.IssueAsync(_user, AccountTokenPurpose.Activation, TimeSpan.FromDays(7), onRequest: false, CancellationToken.None);
        await services.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        return await tokens.IsUsableAsync(_user, token, AccountTokenPurpose.Activation, CancellationToken.None);
    });

    [GlobalCleanup]
    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string NextCode()
    {
        _host.Clock.Advance(TimeSpan.FromSeconds(30));
        return _app.ComputeTotp(_host.Clock.GetUtcNow().UtcDateTime);
    }

    private Task<TotpResult> VerifyAsync(string code) =>
        _host.WithScopeAsync(services => services.GetRequiredService<TotpVerifier>().VerifyAsync(_authenticator, code, CancellationToken.None));
}
