using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// What the portal's console logger prints, line by line: written by the formatter the configuration chose
/// (<c>Logging:Console:FormatterName</c>) with the portal's own options for it, and with the logging's scopes (the
/// request's trace id among them). The console itself is shared by every test in the process; this is not.
/// </summary>
public sealed class ConsoleLines(IEnumerable<ConsoleFormatter> formatters, IOptionsMonitor<ConsoleLoggerOptions> options) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = [];
    private IExternalScopeProvider? _scopes;

    private ConsoleFormatter Formatter => formatters.Single(f => f.Name == (options.CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple));

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Every line as the JSON it must be (fails the test when one is not).</summary>
    public IReadOnlyList<JsonElement> Json => [.. _lines.Select(line => JsonDocument.Parse(line).RootElement)];

    /// <summary>Every string in every JSON line, unescaped: what a reader of the log sees, for secret searches.</summary>
    public string JsonText => string.Join("\n", Json.SelectMany(Strings));

    public static void AddTo(IServiceCollection services) => services.AddSingleton<ILoggerProvider, ConsoleLines>();

    public static ConsoleLines Of(PortalFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetServices<ILoggerProvider>().OfType<ConsoleLines>().Single();
    }

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [element.ToString()],
    };

    private sealed class Writer(ConsoleLines owner, string category) : ILogger
    {
        // The logger factory keeps the scopes of a provider that takes its scope provider; this is never called.
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var text = new StringWriter();
            owner.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, text);
            foreach (var line in text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))
            {
                owner._lines.Enqueue(line);
            }
        }
    }
}
