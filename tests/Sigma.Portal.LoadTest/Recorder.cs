using System.Globalization;

namespace Sigma.Portal.LoadTest;

/// <summary>Latencies and final statuses of one worker; merged into a summary at the end (no locks while running).</summary>
internal sealed class Recorder
{
    private readonly List<double> _milliseconds = [];
    private readonly Dictionary<int, int> _statuses = [];
    private int _failures;

    public void Add(double milliseconds, Outcome outcome)
    {
        _milliseconds.Add(milliseconds);
        _statuses[outcome.Status] = _statuses.GetValueOrDefault(outcome.Status) + 1;
        _failures += outcome.Success ? 0 : 1;
    }

    /// <summary>
    /// One line of <c>key=value</c> fields, read by run.sh; the CPU the server used in the measured window (or NaN) is
    /// reported per operation, with the share of it spent hashing passwords.
    /// </summary>
    public static string Summary(string label, IReadOnlyCollection<Recorder> recorders, TimeSpan duration, ServerCpu serverCpu)
    {
        var all = recorders.SelectMany(r => r._milliseconds).Order().ToArray();
        var statuses = recorders.SelectMany(r => r._statuses).GroupBy(s => s.Key).OrderBy(g => g.Key)
            .Select(g => FormattableString.Invariant($"{g.Key}:{g.Sum(s => s.Value)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{label} count={all.Length} rate={all.Length / duration.TotalSeconds:F2} p50={Percentile(all, 0.50):F1} p95={Percentile(all, 0.95):F1} p99={Percentile(all, 0.99):F1} failures={recorders.Sum(r => r._failures)} statuses={string.Join(',', statuses)} server_cpu_ms_per_op={serverCpu.Seconds * 1000 / Math.Max(1, all.Length):F3} server_cpu_s={serverCpu.Seconds:F2} hashing_share={serverCpu.HashingShare:F3}");
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
