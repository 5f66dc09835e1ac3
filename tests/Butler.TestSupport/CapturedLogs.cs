using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Butler.TestSupport;

/// <summary>
/// Every log entry a test host or engine writes (at its configured levels), for tests that assert what was logged;
/// to speak of some requests only, take a <see cref="Mark"/>, send them, then read <see cref="Since"/> or
/// <see cref="ErrorsSince"/>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(long Sequence, CapturedLogEntry Entry)> _entries = new();
    private long _sequence;

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries.Select(e => e.Entry)];

    /// <summary>The entries at <paramref name="level"/> or above, one line each, for an assertion's message.</summary>
    public IReadOnlyList<string> AtLeast(LogLevel level) =>
        [.. _entries.Where(e => e.Entry.Level >= level).Select(e => e.Entry.ToString())];

    /// <summary>The position after the entries logged so far.</summary>
    public long Mark() => Interlocked.Read(ref _sequence);

    /// <summary>Entries logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<CapturedLogEntry> Since(long mark) => [.. _entries.Where(e => e.Sequence > mark).Select(e => e.Entry)];

    /// <summary>Entries at Error or above logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<CapturedLogEntry> ErrorsSince(long mark) => [.. Since(mark).Where(e => e.Level >= LogLevel.Error)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Entries stay readable after the host that wrote them is gone.
    }

    private void Add(CapturedLogEntry entry) => _entries.Enqueue((Interlocked.Increment(ref _sequence), entry));

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            owner.Add(new CapturedLogEntry(logLevel, category, formatter(state, exception), exception));
        }
    }
}

/// <summary>One entry of <see cref="CapturedLogs"/>.</summary>
public sealed record CapturedLogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
}
