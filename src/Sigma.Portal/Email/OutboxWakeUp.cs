using Sigma.Portal.Data.Email;

namespace Sigma.Portal.Email;

/// <summary>Wakes the dispatcher as soon as new outbox rows are committed, instead of at its next poll.</summary>
public sealed class OutboxWakeUp(WakeSignal<OutboxDispatcher> signal) : ICommittedRowsObserver<OutboxMessage>
{
    public void Committed(IReadOnlyList<OutboxMessage> rows) => signal.Notify();
}
