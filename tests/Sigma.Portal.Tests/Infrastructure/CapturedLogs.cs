using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// Every log entry the portal writes at any level: category, formatted message, structured values, exception, and the
/// trace id of the activity it was written in (what a log formatter with scopes writes beside each line).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiting = [];

    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Completes with the next entry that matches, written after this call: a signal to wait on instead of polling.</summary>
    public Task<string> NextAsync(Func<string, bool> match)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            _waiting.Add((match, found));
        }

        return found.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Capture(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._entries.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            var entry = $"{logLevel} {category} {formatter(state, exception)} {values} {exception}";
            owner._entries.Enqueue(entry);
            lock (owner._waiting)
            {
                foreach (var waiter in owner._waiting.Where(w => w.Match(entry)).ToList())
                {
                    waiter.Found.TrySetResult(entry);
                    owner._waiting.Remove(waiter);
                }
            }
        }
    }
}
