using System.Diagnostics;

namespace Sigma.Portal.LoadTest;

/// <summary>
/// Runs one scenario with a fixed number of concurrent visitors for warm-up plus duration (then stops by itself), and
/// optionally a flood of wrong-password logins beside it; prints a summary line for each, and the server's memory.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var users = options.UsersFile is null ? null : UserPool.Load(options.UsersFile);
        var clock = Stopwatch.StartNew();
        var end = options.Warmup + options.Duration;
        var cpu = options.ProcessId is { } server ? Task.Run(async () =>
        {
            await Task.Delay(options.Warmup);
            var before = ServerCpu.Of(server);
            await Task.Delay(options.Duration);
            return ServerCpu.Of(server) - before;
        }) : Task.FromResult(ServerCpu.Unknown);
        var measured = Workers(options.Concurrency, Scenarios.Named(options.Scenario, options.Target, users, options.Client, options.Url), options, clock, end);
        var flood = Workers(options.Flood, Scenarios.Named("wrong-password", options.Target, users), options, clock, end);
        var label = $"target={options.Target.Name} scenario={options.Scenario} concurrency={options.Concurrency} flood={options.Flood}";
        var results = await Task.WhenAll(measured);
        Console.WriteLine("result " + Recorder.Summary(label, results, options.Duration, await cpu));
        if (options.Flood > 0)
        {
            Console.WriteLine("flood " + Recorder.Summary($"target={options.Target.Name} scenario=wrong-password concurrency={options.Flood}", await Task.WhenAll(flood), options.Duration, ServerCpu.Unknown));
        }

        if (options.ProcessId is { } pid)
        {
            Console.WriteLine("memory " + ProcessMemory.Describe(pid));
        }

        return 0;
    }

    private static List<Task<Recorder>> Workers(int count, Func<VirtualBrowser, Task<Outcome>> scenario, LoadOptions options, Stopwatch clock, TimeSpan end) =>
        [.. Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            var recorder = new Recorder();
            using var browser = VirtualBrowser.For(options.Url, options.Certificate);
            while (clock.Elapsed < end)
            {
                var started = clock.Elapsed;
                Outcome outcome;
                try
                {
                    outcome = await scenario(browser);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
                {
                    outcome = new Outcome(false, 0);
                }

                // Counted when it ends inside the measured window, whenever it began: counting only what began inside it
                // left out one operation per visitor, which for 3-4 s logins in a 20 s window understated the rate by 15-20%.
                var ended = clock.Elapsed;
                if (ended >= options.Warmup && ended <= end)
                {
                    recorder.Add((ended - started).TotalMilliseconds, outcome);
                }
            }

            return recorder;
        }))];
}
