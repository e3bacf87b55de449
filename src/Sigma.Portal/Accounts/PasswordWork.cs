using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sigma.Portal.Infrastructure;

namespace Sigma.Portal.Accounts;

/// <summary>
/// Where the deliberately slow password hash runs: at most one per core at a time, the rest waiting in a bounded queue
/// without holding a thread. A flood of sign-ins then costs the cores' worth of hashing and no more, so every other
/// page keeps answering; beyond the queue the attempt is refused at once (<see cref="PortalBusyException"/>, a 503
/// with Retry-After) instead of every page slowing down.
/// </summary>
public sealed class PasswordWork : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly ILogger<PasswordWork> _logger;

    public PasswordWork(IOptions<PasswordWorkOptions> options, ILogger<PasswordWork> logger)
    {
        _logger = logger;
        ArgumentNullException.ThrowIfNull(options);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.ConcurrentHashes,
            QueueLimit = options.Value.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Runs <paramref name="hash"/> when a core is free; throws <see cref="PortalBusyException"/> when the queue is full.</summary>
    public async Task<T> RunAsync<T>(Func<T> hash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hash);
        using var lease = await _limiter.AcquireAsync(1, ct);
        if (!lease.IsAcquired)
        {
            AccountsLog.PasswordWorkFull(_logger);
            throw new PortalBusyException();
        }

        return hash();
    }

    public void Dispose() => _limiter.Dispose();
}
