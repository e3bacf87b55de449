using System.Threading.Channels;

namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>
/// Wakes a background worker as soon as there is work for it, so it need not wait for its next poll. One signal per
/// worker, told apart by the worker's type (<c>WakeSignal&lt;OutboxDispatcher&gt;</c>); notifications that arrive while
/// the worker is busy fold into one.
/// </summary>
public sealed class WakeSignal<TWorker>
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, TimeProvider time, CancellationToken ct)
    {
        using var poll = new CancellationTokenSource(pollInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, poll.Token);
        try
        {
            await _channel.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
