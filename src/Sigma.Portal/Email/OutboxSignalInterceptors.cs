using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sigma.Portal.Data.Email;

namespace Sigma.Portal.Email;

/// <summary>
/// Notes when a unit of work adds outbox rows and signals the dispatcher once they are committed: after
/// <c>SaveChanges</c> without a transaction, or when the surrounding transaction commits.
/// </summary>
public sealed class OutboxSignalInterceptors
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];
    private readonly WakeSignal<OutboxDispatcher> _signal;

    public OutboxSignalInterceptors(WakeSignal<OutboxDispatcher> signal)
    {
        _signal = signal;
        SaveChanges = new SaveChangesHook(this);
        Transactions = new TransactionHook(this);
    }

    public SaveChangesInterceptor SaveChanges { get; }

    public DbTransactionInterceptor Transactions { get; }

    private void Saving(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            _signal.Notify();
        }
    }

    private void Discard(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private sealed class SaveChangesHook(OutboxSignalInterceptors owner) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            owner.Saving(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            owner.Saving(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            owner.Saved(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            owner.Saved(eventData.Context);
            return result;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => owner.Discard(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Discard(eventData.Context);
            return Task.CompletedTask;
        }
    }

    private sealed class TransactionHook(OutboxSignalInterceptors owner) : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Flush(eventData.Context);
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => owner.Flush(eventData.Context);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Discard(eventData.Context);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => owner.Discard(eventData.Context);
    }
}
