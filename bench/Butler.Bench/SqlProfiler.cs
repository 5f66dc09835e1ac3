using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Butler.Bench;

/// <summary>
/// Counts the SQL commands EF Core runs and the time spent in them, per benchmark operation, from EF's diagnostic events.
/// The operation is carried by an <see cref="AsyncLocal{T}"/>, so concurrent clients are told apart.
/// </summary>
internal sealed class SqlProfiler : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<string?> CurrentOperation = new();

    private readonly ConcurrentDictionary<string, Totals> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seenSql = new(StringComparer.Ordinal);
    private readonly bool _showSql;
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _recording;

    public SqlProfiler(bool showSql)
    {
        _showSql = showSql;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Names the operation the calling async flow is about to run.</summary>
    public static string? Operation
    {
        get => CurrentOperation.Value;
        set => CurrentOperation.Value = value;
    }

    public void Begin()
    {
        _totals.Clear();
        _recording = true;
    }

    public void End() => _recording = false;

    /// <summary>Records the client-side duration of one operation.</summary>
    public void Operated(string operation, TimeSpan elapsed)
    {
        if (_recording)
        {
            var t = _totals.GetOrAdd(operation, _ => new Totals());
            Interlocked.Increment(ref t.Operations);
            Interlocked.Add(ref t.OperationTicks, elapsed.Ticks);
        }
    }

    public List<string> Report()
    {
        static string Ms(long ticks, long count) =>
            count == 0 ? "-" : (TimeSpan.FromTicks(ticks).TotalMilliseconds / count).ToString("0.000", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "| operation | calls | SQL commands / call | reads / call | writes / call | ms in commands / call | ms in commits / call | ms in connection opens / call | ms total / call (client) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var (name, t) in _totals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var n = Math.Max(t.Operations, 1);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {t.Operations} | {(double)t.Commands / n:0.00} | {(double)t.Reads / n:0.00} | {(double)t.Writes / n:0.00} | {Ms(t.CommandTicks, n)} | {Ms(t.CommitTicks, n)} | {Ms(t.OpenTicks, n)} | {Ms(t.OperationTicks, n)} |"));
        }
        return lines;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!_recording)
        {
            return;
        }
        var t = _totals.GetOrAdd(Operation ?? "(other)", _ => new Totals());
        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                Interlocked.Increment(ref t.Commands);
                Interlocked.Add(ref t.CommandTicks, executed.Duration.Ticks);
                var sql = executed.Command.CommandText;
                Interlocked.Add(ref t.Reads, Count(sql, "SELECT "));
                Interlocked.Add(ref t.Writes, Count(sql, "INSERT INTO ") + Count(sql, "UPDATE ") + Count(sql, "DELETE FROM "));
                if (_showSql && _seenSql.TryAdd(sql, 0))
                {
                    Console.Error.WriteLine($"-- [{Operation}] ({executed.Duration.TotalMilliseconds:0.000} ms){Environment.NewLine}{sql}");
                }
                break;
            case TransactionEndEventData ended when value.Key == RelationalEventId.TransactionCommitted.Name:
                Interlocked.Add(ref t.CommitTicks, ended.Duration.Ticks);
                break;
            case ConnectionEndEventData opened when value.Key == RelationalEventId.ConnectionOpened.Name:
                Interlocked.Add(ref t.OpenTicks, opened.Duration.Ticks);
                break;
        }
    }

    private static int Count(string sql, string word)
    {
        var count = 0;
        for (var i = sql.IndexOf(word, StringComparison.Ordinal); i >= 0; i = sql.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            foreach (var s in _subscriptions)
            {
                s.Dispose();
            }
        }
    }

    private sealed class Totals
    {
        public long Operations;
        public long OperationTicks;
        public long Commands;
        public long Reads;
        public long Writes;
        public long CommandTicks;
        public long CommitTicks;
        public long OpenTicks;
    }
}
