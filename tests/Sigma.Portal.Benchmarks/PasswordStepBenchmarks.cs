using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Administration;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// What an outsider sees of the password step: one wrong password for each kind of address, at the real hash cost and
/// on the real clock, in memory. Every kind should take the time of two hashes (the most an address holds), so the
/// medians should not tell them apart. One request per iteration, many iterations: the median and its spread are the
/// result.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 40)]
public class PasswordStepBenchmarks : IDisposable
{
    private readonly Dictionary<string, string> _addresses = [];
    private PortalFactory _host = null!;

    [Params("unknown", "one account", "two accounts", "invited", "deactivated")]
    public string Address { get; set; } = "";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var ct = CancellationToken.None;
        _host = new PortalFactory { ManualDispatch = true, Environment = "Production", SystemClock = true };
        _host.Settings["Logging:LogLevel:Default"] = "Warning";
        _host.Settings["RateLimits:CredentialAttemptsPerMinute"] = "10000";
        await _host.InitializeAsync();
        var one = await new AccountBuilder(_host).ActivatedAsync(ct);
        var two = await new AccountBuilder(_host).ActivatedAsync(ct);
        await new AccountBuilder(_host).WithEmail(two.Email).AsEmployer().ActivatedAsync(ct);
        var deactivated = await new AccountBuilder(_host).ActivatedAsync(ct);
        await _host.WithScopeAsync(s => s.GetRequiredService<AccountDeactivation>().DeactivateAsync(deactivated.Id, Guid.NewGuid(), "benchmark", ct));
        _addresses["unknown"] = $"nobody-{Guid.NewGuid():N}@test.example";
        _addresses["one account"] = one.Email;
        _addresses["two accounts"] = two.Email;
        _addresses["invited"] = (await new AccountBuilder(_host).InvitedAsync(ct)).Email;
        _addresses["deactivated"] = deactivated.Email;
    }

    /// <summary>A wrong password, as an outsider sends it (after ten of them an account is locked: that takes as long).</summary>
    [Benchmark]
    public async Task<string> WrongPassword()
    {
        var page = await _host.NewBrowser().PasswordStepAsync(_addresses[Address], "een verkeerd wachtwoord", CancellationToken.None);
        return page.Url.AbsolutePath;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
