using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// The one deliberately expensive step of a sign-in: the portal's hasher (PBKDF2-HMAC-SHA512, 210,000 iterations)
/// with the options the portal configures. Its cost per hash sets the bound on sign-ins per second per core.
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class PasswordBenchmarks
{
    private const string Password = "Zomer in Zandvoort 2026!";
    private readonly PortalUser _user = new();
    private PortalPasswordHasher _hasher = null!;
    private string _hash = "";

    [GlobalSetup]
    public void SetUp()
    {
        _hasher = new PortalPasswordHasher(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = PortalPasswordHasher.ProductionIterations,
        }));
        _hash = _hasher.HashPassword(_user, Password);
    }

    [Benchmark]
    public string Hash() => _hasher.HashPassword(_user, Password);

    [Benchmark]
    public PasswordVerificationResult Verify() => _hasher.VerifyHashedPassword(_user, _hash, Password);
}
