using System.Globalization;

namespace Butler.Bench;

/// <summary>Command-line options; every target reads the same set so a child process sees what its parent was given.</summary>
internal sealed class BenchOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string WorkflowCore = "workflowcore";

    private static readonly string[] AllTargets = [Sqlite, Postgres, WorkflowCore];

    /// <summary>Measured instances per target.</summary>
    public int Instances { get; private set; } = 2000;

    /// <summary>Instances run before measuring, so tiered JIT reaches optimised code and pools and caches are filled.</summary>
    public int Warmup { get; private set; } = 300;

    /// <summary>Concurrent clients on PostgreSQL.</summary>
    public int Clients { get; private set; } = 8;

    /// <summary>Concurrent clients on SQLite, which has a single writer.</summary>
    public int SqliteClients { get; private set; } = 1;

    /// <summary>WorkflowCore instances driven through the five event rounds together; 0 means all of them.</summary>
    public int WorkflowCoreBatch { get; private set; }

    public IReadOnlyList<string> Targets { get; private set; } = AllTargets;

    /// <summary>Experiment: SQLite synchronous pragma set on every connection; null keeps the engine's setting.</summary>
    public string? SqliteSynchronous { get; private set; }

    /// <summary>Experiment: Npgsql's Max Auto Prepare on the PostgreSQL connection string; 0 keeps Npgsql's default (off).</summary>
    public int PostgresAutoPrepare { get; private set; }

    /// <summary>Set in a child process: run only this target and print its result as one line.</summary>
    public string? Only { get; private set; }

    /// <summary>Run every target in this process instead of one child process each (peak memory is then shared).</summary>
    public bool InProcess { get; private set; }

    /// <summary>Count SQL commands and time spent in them per operation (adds a little overhead).</summary>
    public bool Profile { get; private set; }

    /// <summary>With <see cref="Profile"/>: print each distinct SQL text once.</summary>
    public bool ShowSql { get; private set; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--instances":
                    o.Instances = Number();
                    break;
                case "--warmup":
                    o.Warmup = Number();
                    break;
                case "--clients":
                    o.Clients = Number();
                    break;
                case "--sqlite-clients":
                    o.SqliteClients = Number();
                    break;
                case "--wfc-batch":
                    o.WorkflowCoreBatch = Number();
                    break;
                case "--targets":
                    o.Targets = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(t => t.ToLowerInvariant()).ToList();
                    break;
                case "--sqlite-synchronous":
                    o.SqliteSynchronous = Value().ToUpperInvariant();
                    if (!Bench.SqliteSynchronous.Modes.Contains(o.SqliteSynchronous))
                    {
                        throw new ArgumentException($"--sqlite-synchronous takes one of {string.Join(", ", Bench.SqliteSynchronous.Modes)}.");
                    }
                    break;
                case "--pg-auto-prepare":
                    o.PostgresAutoPrepare = Number();
                    break;
                case "--only":
                    o.Only = Value().ToLowerInvariant();
                    break;
                case "--in-process":
                    o.InProcess = true;
                    break;
                case "--profile":
                    o.Profile = true;
                    break;
                case "--show-sql":
                    o.ShowSql = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }
        foreach (var target in o.Targets.Append(o.Only).OfType<string>())
        {
            if (!AllTargets.Contains(target))
            {
                throw new ArgumentException($"Unknown target '{target}'; choose from {string.Join(", ", AllTargets)}.");
            }
        }
        if (o.Instances < 1 || o.Warmup < 0 || o.Clients < 1 || o.SqliteClients < 1 || o.WorkflowCoreBatch < 0 || o.PostgresAutoPrepare < 0)
        {
            throw new ArgumentException("Counts must be positive.");
        }
        return o;
    }

    public const string Usage = """
        Butler.Bench: N five-task sequential workflows run to completion, on SQLite, PostgreSQL and WorkflowCore (in memory).

          --instances N        measured instances per target (default 2000)
          --warmup N           instances run first and not measured, so the JIT has tiered up (default 300)
          --clients C          concurrent clients on PostgreSQL (default 8)
          --sqlite-clients C   concurrent clients on SQLite (default 1)
          --wfc-batch B        WorkflowCore instances per round batch (default: all)
          --targets a,b        any of sqlite, postgres, workflowcore (default: all three)
          --sqlite-synchronous M  experiment: PRAGMA synchronous=M (OFF, NORMAL, FULL) on every SQLite connection
          --pg-auto-prepare N      experiment: Max Auto Prepare=N on the PostgreSQL connection string
          --in-process         run all targets in this process (peak memory is then cumulative)
          --profile            count SQL commands and time spent in them per operation
          --show-sql           with --profile, print each distinct SQL text once
        PostgreSQL: a private throwaway cluster is started unless BUTLER_TEST_POSTGRES names a server's admin database.
        """;
}
