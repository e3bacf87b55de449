using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// What an outsider sees of the password step: a wrong password for each kind of address, at the real hash cost and on
/// the real clock, in memory. The kinds take turns in a new random order every round, so a machine that speeds up or
/// slows down during the run (docs/performance.md) weighs on each kind alike; the medians should not tell them apart.
/// With a number of workers it measures throughput instead: that many one-account password steps at once, without
/// pause, for 20 seconds after 5 unrecorded (the pace waits without a core, so hashing stays the limit).
/// <c>dotnet Sigma.Portal.Benchmarks.dll password-step-times [rounds]</c> (from its bin folder, so the factory finds
/// the portal's content root), <c>... password-step-throughput [workers]</c>.
/// </summary>
internal static class PasswordStepTimes
{
    public static async Task<int> RunAsync(int rounds)
    {
        var ct = CancellationToken.None;
        await using var host = await StartAsync();
        var addresses = await AddressesAsync(host, ct);
        var times = addresses.Keys.ToDictionary(kind => kind, _ => new List<double>());

        for (var round = -3; round < rounds; round++)
        {
            foreach (var (kind, email) in addresses.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)))
            {
                var browser = host.NewBrowser();
                var started = Stopwatch.GetTimestamp();
                await browser.PasswordStepAsync(email, "een verkeerd wachtwoord", ct);
                if (round >= 0)
                {
                    times[kind].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        Console.WriteLine($"Password step, wrong password, {rounds} rounds after 3 unrecorded; ms (login page GET included)");
        Console.WriteLine("| Address | Median | 25th | 75th |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (kind, samples) in times)
        {
            samples.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {Percentile(samples, 0.5):F1} | {Percentile(samples, 0.25):F1} | {Percentile(samples, 0.75):F1} |"));
        }

        return 0;
    }

    public static async Task<int> ThroughputAsync(int workers)
    {
        await using var host = await StartAsync();
        var email = (await new AccountBuilder(host).ActivatedAsync(CancellationToken.None)).Email;
        var counted = 0;
        var recording = false;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, workers).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Locked after ten: a locked account's step does the same work, so the rate is the same.
                await host.NewBrowser().PasswordStepAsync(email, "een verkeerd wachtwoord", CancellationToken.None);
                if (Volatile.Read(ref recording))
                {
                    Interlocked.Increment(ref counted);
                }
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Volatile.Write(ref recording, true);
        var from = Stopwatch.GetTimestamp();
        await Task.WhenAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(from).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Password steps with {workers} workers: {counted / seconds:F2} per second over {seconds:F0} s ({Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s in all)"));
        return 0;
    }

    private static async Task<PortalFactory> StartAsync()
    {
        var host = new PortalFactory { ManualDispatch = true, Environment = "Production", SystemClock = true };
        host.Settings["Logging:LogLevel:Default"] = "Error";
        host.Settings["RateLimits:CredentialAttemptsPerMinute"] = "10000";
        await host.InitializeAsync();
        return host;
    }

    /// <summary>One address of each kind. After ten wrong passwords an account is locked, which takes as long.</summary>
    private static async Task<Dictionary<string, string>> AddressesAsync(PortalFactory host, CancellationToken ct)
    {
        var one = await new AccountBuilder(host).ActivatedAsync(ct);
        var two = await new AccountBuilder(host).ActivatedAsync(ct);
        await new AccountBuilder(host).WithEmail(two.Email).AsEmployer().ActivatedAsync(ct);
        var deactivated = await new AccountBuilder(host).ActivatedAsync(ct);
        await host.WithScopeAsync(s => s.GetRequiredService<AccountDeactivation>().DeactivateAsync(deactivated.Id, Guid.NewGuid(), "measurement", ct));
        return new Dictionary<string, string>
        {
            ["unknown"] = $"nobody-{Guid.NewGuid():N}@test.example",
            ["one account"] = one.Email,
            ["two accounts"] = two.Email,
            ["invited"] = (await new AccountBuilder(host).InvitedAsync(ct)).Email,
            ["deactivated"] = deactivated.Email,
        };
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Round(p * (sorted.Count - 1))];
}
