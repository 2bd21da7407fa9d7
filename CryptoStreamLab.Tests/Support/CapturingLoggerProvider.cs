using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Support;

/// <summary>Keeps every log entry from <paramref name="minimum"/> up, so a test can check what the app logged (and never logged).</summary>
/// <param name="minimum">The least level kept: Information unless a test needs the Debug and Trace entries too.</param>
public sealed class CapturingLoggerProvider(LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly LogLevel _minimum = minimum;

    /// <summary>One entry: its message as formatted, and the state's named values (<c>Key=Value</c>, space-separated).</summary>
    public sealed record Entry(LogLevel Level, string Category, string Message, string Properties, Exception? Exception)
    {
        /// <summary>Level, category, message, properties and exception on one line.</summary>
        public override string ToString() => $"{Level} {Category}: {Message} {Properties} {Exception}";
    }

    public IReadOnlyCollection<Entry> Entries => _entries;

    public IEnumerable<string> Messages => _entries.Select(entry => entry.Message);

    /// <summary>Each entry as one line (<see cref="Entry.ToString"/>).</summary>
    public IEnumerable<string> Lines => _entries.Select(entry => entry.ToString());

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), properties, exception));
        }
    }
}
