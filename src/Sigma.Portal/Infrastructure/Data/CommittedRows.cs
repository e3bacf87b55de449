using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>Told about the rows of one kind a unit of work added, once they are committed; never about rolled-back ones.</summary>
public interface ICommittedRowsObserver<in TEntity>
    where TEntity : class
{
    /// <summary>Runs after the commit, inside the caller's request: quick, and never throws.</summary>
    void Committed(IReadOnlyList<TEntity> rows);
}

/// <summary>
/// Notes the <typeparamref name="TEntity"/> rows a unit of work adds and hands them to the observers once committed:
/// after <c>SaveChanges</c> without a transaction, or when the surrounding transaction commits. A failed save or a
/// rolled-back (and perhaps retried) transaction forgets them, so what is reported happened exactly once.
/// </summary>
public sealed class CommittedRows<TEntity>
    where TEntity : class
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];
    private readonly ICommittedRowsObserver<TEntity>[] _observers;

    public CommittedRows(IEnumerable<ICommittedRowsObserver<TEntity>> observers)
    {
        _observers = [.. observers];
        SaveChanges = new SaveChangesHook(this);
        Transactions = new TransactionHook(this);
    }

    public SaveChangesInterceptor SaveChanges { get; }

    public DbTransactionInterceptor Transactions { get; }

    private void Saving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // These rows are added through their DbSet, which tracks them at once: no need for a scan of every tracked
        // entity here, on top of the one SaveChanges makes next.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var added = tracker.Entries<TEntity>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            if (added.Count > 0)
            {
                var pending = _pending.GetOrCreateValue(context);
                pending.SavingFrom = pending.Rows.Count;
                pending.Rows.AddRange(added);
                pending.Saving = true;
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Saving = false;
            if (context.Database.CurrentTransaction is null)
            {
                Flush(context);
            }
        }
    }

    private void Committed(DbContext? context)
    {
        // A save without a transaction of the caller's commits one of its own before it is done, and before it has given
        // the rows their generated keys: Saved reports those.
        if (context is not null && _pending.TryGetValue(context, out var pending) && !pending.Saving)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext context)
    {
        if (_pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            foreach (var observer in _observers)
            {
                observer.Committed(pending.Rows);
            }
        }
    }

    // A failed save leaves its rows tracked as added, for the next save to find again: only this save's are forgotten.
    // Earlier saves' rows in the same transaction wait for its commit or rollback.
    private void SaveFailed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.Saving)
        {
            pending.Rows.RemoveRange(pending.SavingFrom, pending.Rows.Count - pending.SavingFrom);
            pending.Saving = false;
        }
    }

    private void Discard(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private sealed class Pending
    {
        public List<TEntity> Rows { get; } = [];

        public bool Saving { get; set; }

        /// <summary>Where the rows of the save under way begin.</summary>
        public int SavingFrom { get; set; }
    }

    private sealed class SaveChangesHook(CommittedRows<TEntity> owner) : SaveChangesInterceptor
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

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => owner.SaveFailed(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.SaveFailed(eventData.Context);
            return Task.CompletedTask;
        }
    }

    private sealed class TransactionHook(CommittedRows<TEntity> owner) : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Committed(eventData.Context);
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => owner.Committed(eventData.Context);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Discard(eventData.Context);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => owner.Discard(eventData.Context);
    }
}

/// <summary>Registration of <see cref="CommittedRows{TEntity}"/> observers.</summary>
internal static class CommittedRowsRegistration
{
    /// <summary>Adds <typeparamref name="TObserver"/> (a singleton) and, the first time for a kind of row, its hooks.</summary>
    public static IServiceCollection AddCommittedRowsObserver<TEntity, TObserver>(this IServiceCollection services)
        where TEntity : class
        where TObserver : class, ICommittedRowsObserver<TEntity>
    {
        services.AddSingleton<TObserver>();
        services.AddSingleton<ICommittedRowsObserver<TEntity>>(sp => sp.GetRequiredService<TObserver>());
        if (!services.Any(s => s.ServiceType == typeof(CommittedRows<TEntity>)))
        {
            services.AddSingleton<CommittedRows<TEntity>>();
            services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<CommittedRows<TEntity>>().SaveChanges);
            services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<CommittedRows<TEntity>>().Transactions);
        }

        return services;
    }
}
