using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Butler.TestSupport;

/// <summary>Every log entry a test host or engine writes (at its configured levels), for tests that assert what was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    /// <summary>The entries at <paramref name="level"/> or above, one line each, for an assertion's message.</summary>
    public IReadOnlyList<string> AtLeast(LogLevel level) =>
        [.. _entries.Where(e => e.Level >= level).Select(e => e.ToString())];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Entries stay readable after the host that wrote them is gone.
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            owner._entries.Enqueue(new CapturedLogEntry(logLevel, category, formatter(state, exception), exception));
        }
    }
}

/// <summary>One entry of <see cref="CapturedLogs"/>.</summary>
public sealed record CapturedLogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
}
