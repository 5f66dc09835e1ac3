using System.Globalization;
using Butler.Workflows.Persistence;

namespace Butler.TimerBench;

/// <summary>Command-line settings of the timer benchmark.</summary>
internal sealed record BenchOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Instances started, each waiting on one Delay timer.</summary>
    public int Timers { get; init; } = 10_000;

    /// <summary>Extra instances whose timers fall due two hours later: pending all through the run, fired never.</summary>
    public int Background { get; init; }

    /// <summary>The due times are spread evenly over this many seconds.</summary>
    public int WindowSeconds { get; init; } = 60;

    /// <summary>Seconds from the first start request to the first due time; creation must finish before it.</summary>
    public int LeadSeconds { get; init; } = 120;

    /// <summary>Start requests in flight at once; more than two only adds SQLite lock waits.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Seconds after the last planned due time to wait for stragglers; timers still pending then count as at least that late.</summary>
    public int MaxWaitSeconds { get; init; } = 240;

    /// <summary>Path of Butler.Host.dll; found under src/Host/bin when not given.</summary>
    public string? HostDll { get; init; }

    /// <summary>Markdown report written here as well as to standard output.</summary>
    public string? ReportPath { get; init; }

    public bool KeepData { get; init; }

    public bool SkipReconciliation { get; init; }

    /// <summary>Extra environment variables of the host, e.g. Butler__Scheduling__WorkerCount=4 (default: none).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> HostSettings { get; init; } = [];

    public const string Usage = """
        Butler.TimerBench — starts the real host, makes N pending Delay timers and measures how late they fire.

          --provider sqlite|postgresql   database of the host (default sqlite; postgresql starts a throwaway cluster)
          --timers N                     pending timers (default 10000)
          --window S                     due times spread evenly over S seconds (default 60)
          --background B                 B more instances whose timers fall due in two hours: they stay pending all
                                         through the run, so N + B timers are pending while N fall due (default 0)
          --lead S                       seconds from the first start request to the first due time (default 120)
          --concurrency C                start requests in flight (default 2)
          --max-wait S                   stop waiting S seconds after the last due time (default 240); timers still
                                         pending then are counted as at least that late
          --host PATH                    Butler.Host.dll (default: src/Host/bin/<configuration>/net10.0)
          --report PATH                  also write the Markdown report to PATH
          --keep                         keep the data folder
          --skip-reconciliation          do not time the reconciliation sweep
          --set KEY=VALUE                extra host environment variable (repeatable), e.g. Butler__Scheduling__WorkerCount=4
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--provider":
                    o = o with
                    {
                        Provider = Next().ToLowerInvariant() switch
                        {
                            "sqlite" => DatabaseProvider.Sqlite,
                            "postgresql" or "postgres" or "pg" => DatabaseProvider.PostgreSql,
                            var other => throw new ArgumentException($"Unknown provider '{other}'."),
                        },
                    };
                    break;
                case "--timers": o = o with { Timers = NextInt() }; break;
                case "--window": o = o with { WindowSeconds = NextInt() }; break;
                case "--background": o = o with { Background = NextInt() }; break;
                case "--lead": o = o with { LeadSeconds = NextInt() }; break;
                case "--concurrency": o = o with { Concurrency = NextInt() }; break;
                case "--max-wait": o = o with { MaxWaitSeconds = NextInt() }; break;
                case "--host": o = o with { HostDll = Next() }; break;
                case "--report": o = o with { ReportPath = Next() }; break;
                case "--keep": o = o with { KeepData = true }; break;
                case "--skip-reconciliation": o = o with { SkipReconciliation = true }; break;
                case "--set":
                    var pair = Next();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new ArgumentException($"--set needs KEY=VALUE, not '{pair}'.");
                    }
                    o = o with { HostSettings = [.. o.HostSettings, new(pair[..eq], pair[(eq + 1)..])] };
                    break;
                case "-h" or "--help": return null;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        if (o.Timers < 1 || o.Background < 0 || o.WindowSeconds < 1 || o.LeadSeconds < 10 || o.Concurrency < 1)
        {
            throw new ArgumentException("--timers, --window and --concurrency must be positive and --lead at least 10.");
        }
        return o;
    }
}
