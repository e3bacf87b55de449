using System.Collections.Concurrent;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>
/// Where the deliberately slow password hash runs: on its own threads, one per core, at a lower CPU priority than
/// request handling, with a bounded waiting room in front (waiting holds no thread). A flood of sign-ins then costs the
/// cores' spare time and no more, so every other page keeps answering. A sign-in that finds the waiting room full, or
/// waits longer than <see cref="PasswordWorkOptions.MaxWait"/>, is refused (<see cref="PortalBusyException"/>, a 503
/// with Retry-After); making refused clients wait first keeps them from coming straight back.
/// </summary>
public sealed class PasswordWork : IDisposable
{
    private readonly BlockingCollection<Job> _queue = [];
    private readonly Thread[] _threads;
    private readonly int _admissionLimit;
    private readonly TimeSpan _maxWait;
    private readonly ILogger<PasswordWork> _logger;
    private int _admitted;

    public PasswordWork(IOptions<PasswordWorkOptions> options, ILogger<PasswordWork> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _admissionLimit = options.Value.ConcurrentHashes + options.Value.QueueLimit;
        _maxWait = options.Value.MaxWait;
        _threads = [.. Enumerable.Range(0, options.Value.ConcurrentHashes).Select(i => new Thread(Work) { IsBackground = true, Name = $"Password hash {i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Runs <paramref name="hash"/> on a hashing thread; throws <see cref="PortalBusyException"/> when that cannot happen soon.</summary>
    public async Task<T> RunAsync<T>(Func<T> hash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (Interlocked.Increment(ref _admitted) > _admissionLimit)
        {
            Interlocked.Decrement(ref _admitted);
            AccountsLog.PasswordWorkFull(_logger);
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

    private void Work()
    {
        LowPriority.ForCurrentThread();
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            if (job.Start())
            {
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
