using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>
/// Where the deliberately slow password hash runs: on its own threads, one per core, at a lower CPU priority than
/// request handling, with a bounded waiting room in front (waiting holds no thread). A flood of sign-ins then costs the
/// cores' spare time and no more, so every other page keeps answering. A sign-in that finds the waiting room full, or
/// waits longer than <see cref="PasswordWorkOptions.MaxWait"/>, is refused (<see cref="PortalBusyException"/>, a 503
/// with Retry-After); making refused clients wait first keeps them from coming straight back. Meter
/// <c>sigma.portal.password_hash</c> shows the waiting room, the wait and the refusals.
/// </summary>
public sealed class PasswordWork : IDisposable
{
    private readonly BlockingCollection<Job> _queue = [];
    private readonly Thread[] _threads;
    private readonly int _admissionLimit;
    private readonly TimeSpan _maxWait;
    private readonly ILogger<PasswordWork> _logger;
    private readonly Histogram<double> _wait;
    private readonly Counter<long> _refused;
    private int _admitted;
    private long _refusedCount;

    public PasswordWork(IOptions<PasswordWorkOptions> options, IMeterFactory meters, ILogger<PasswordWork> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _logger = logger;
        var meter = meters.Create(PortalMeters.PasswordHash);
        meter.CreateObservableGauge("sigma.portal.password_hash.waiting", () => Waiting, "{hash}", "Password hashes waiting for a hashing thread.");
        _wait = meter.CreateHistogram(
            "sigma.portal.password_hash.wait",
            "s",
            "How long a password hash waited for a hashing thread.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _refused = meter.CreateCounter<long>("sigma.portal.password_hash.refused", "{request}", "Sign-ins refused with 503 because hashing was full, by reason.");
        _admissionLimit = options.Value.ConcurrentHashes + options.Value.QueueLimit;
        _maxWait = options.Value.MaxWait;
        _threads = [.. Enumerable.Range(0, options.Value.ConcurrentHashes).Select(i => new Thread(Work) { IsBackground = true, Name = $"Password hash {i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Hashes waiting for a hashing thread now.</summary>
    public int Waiting => _queue.Count;

    /// <summary>Sign-ins refused as busy since the start.</summary>
    public long Refused => Interlocked.Read(ref _refusedCount);

    /// <summary>Runs <paramref name="hash"/> on a hashing thread; throws <see cref="PortalBusyException"/> when that cannot happen soon.</summary>
    public async Task<T> RunAsync<T>(Func<T> hash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (Interlocked.Increment(ref _admitted) > _admissionLimit)
        {
            Interlocked.Decrement(ref _admitted);
            AccountsLog.PasswordWorkFull(_logger);
            Refuse("full");
            throw new PortalBusyException();
        }

        var job = new Job<T>(hash);
        _queue.Add(job, CancellationToken.None);
        try
        {
            return await job.Result.WaitAsync(_maxWait, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && job.Abandon())
        {
            // Still waiting: the hashing thread will skip it, and its place is free now.
            Interlocked.Decrement(ref _admitted);
            if (e is OperationCanceledException)
            {
                throw;
            }

            AccountsLog.PasswordWorkFull(_logger);
            Refuse("waited_too_long");
            throw new PortalBusyException("Waited too long for a password hash.", e);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Already hashing: the answer is moments away.
            return await job.Result;
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    private void Refuse(string reason)
    {
        Interlocked.Increment(ref _refusedCount);
        _refused.Add(1, new KeyValuePair<string, object?>("sigma.reason", reason));
    }

    private void Work()
    {
        LowPriority.ForCurrentThread();
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            if (job.Start())
            {
                _wait.Record(Stopwatch.GetElapsedTime(job.Queued).TotalSeconds);
                job.Run();
                Interlocked.Decrement(ref _admitted);
            }
        }
    }

    /// <summary>A waiting hash: either started by a hashing thread or abandoned by its request, never both.</summary>
    private abstract class Job
    {
        private const int Waiting = 0, Started = 1, Abandoned = 2;
        private int _state;

        public long Queued { get; } = Stopwatch.GetTimestamp();

        public bool Start() => Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;

        public bool Abandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;

        public abstract void Run();
    }

    private sealed class Job<T>(Func<T> hash) : Job
    {
        // The rest of the request continues on the thread pool, not on the low-priority hashing thread.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Result => _result.Task;

        public override void Run()
        {
            try
            {
                _result.TrySetResult(hash());
            }
            catch (Exception e)
            {
                _result.TrySetException(e);
            }
        }
    }
}
