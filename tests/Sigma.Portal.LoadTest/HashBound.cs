using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Sigma.Portal.LoadTest;

/// <summary>
/// How many password verifications per second this machine's cores can do at the given PBKDF2-HMAC-SHA512 iteration
/// count, one thread per core available to the process (so run it with the server's CPU affinity): the ceiling for
/// password logins per second.
/// </summary>
internal static class HashBound
{
    public static int Run(Arguments arguments)
    {
        var iterations = arguments.Number("iterations", 210_000);
        var seconds = Math.Clamp(arguments.Number("seconds", 10), 1, 120);
        var hasher = new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        var hash = hasher.HashPassword(new object(), "Zomer in Zandvoort 2026!");
        var clock = Stopwatch.StartNew();
        var total = 0;
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                hasher.VerifyHashedPassword(new object(), hash, "Zomer in Zandvoort 2026!");
                Interlocked.Increment(ref total);
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hash-bound iterations={iterations} threads={Environment.ProcessorCount} rate={total / clock.Elapsed.TotalSeconds:F2}"));
        return 0;
    }
}
