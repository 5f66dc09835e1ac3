using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Butler.Host.Tests.Support;

/// <summary>One entry a test host logged.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}

/// <summary>
/// Every entry a test host writes (at Warning or above unless the host's configuration lets more through), so a test can
/// say "nothing was logged as an error" about the requests it sent: take a <see cref="Mark"/>, send, then read
/// <see cref="ErrorsSince"/>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(long Sequence, CapturedLog Entry)> _entries = new();
    private long _sequence;

    /// <summary>The position after the entries logged so far.</summary>
    public long Mark() => Interlocked.Read(ref _sequence);

    /// <summary>Entries logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<CapturedLog> Since(long mark) => [.. _entries.Where(e => e.Sequence > mark).Select(e => e.Entry)];

    /// <summary>Entries at Error or above logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<CapturedLog> ErrorsSince(long mark) => [.. Since(mark).Where(e => e.Level >= LogLevel.Error)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(CapturedLog entry) => _entries.Enqueue((Interlocked.Increment(ref _sequence), entry));

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs.Add(new CapturedLog(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
