using System.Globalization;
using System.Runtime.InteropServices;

namespace Butler.Bench;

/// <summary>Writes the machine, the command and the results as markdown.</summary>
internal static class Report
{
    private const double SqliteTarget = 500;
    private const double PostgresTarget = 1000;

    public static void Print(TextWriter w, IReadOnlyList<TargetResult> results, BenchOptions options, IReadOnlyList<string> args)
    {
        w.WriteLine("## Machine");
        w.WriteLine();
        w.WriteLine(Inv($"- cores (nproc): {Environment.ProcessorCount}"));
        w.WriteLine(Inv($"- CPU: {ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString()}"));
        w.WriteLine(Inv($"- RAM: {Memory()}"));
        w.WriteLine(Inv($"- OS: {OsName()}, kernel {Kernel()}"));
        w.WriteLine(Inv($"- .NET: {RuntimeInformation.FrameworkDescription}, workstation GC"));
        w.WriteLine();
        w.WriteLine("## Command");
        w.WriteLine();
        w.WriteLine("```");
        w.WriteLine(Inv($"dotnet run -c Release --project bench/Butler.Bench -- {string.Join(' ', args)}").TrimEnd());
        w.WriteLine("```");
        w.WriteLine();
        w.WriteLine(Inv($"{options.Warmup} warm-up instances per target are run first and not measured; each target runs in {(options.InProcess ? "this one process (peak memory is cumulative)" : "a process of its own")}."));
        w.WriteLine();
        w.WriteLine("## Results");
        w.WriteLine();
        w.WriteLine("| target | store | clients | instances | time (s) | instances/s | task completions/s | p50 per completion (ms) | p99 per completion (ms) | allocated per completion | peak working set (MB) | process CPU per completion (ms) | PostgreSQL server CPU per completion (ms) | machine CPU busy |");
        w.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            w.WriteLine(Inv($"| {Name(r.Target)} | {r.Store} | {r.Clients} | {r.Instances} | {r.Seconds:0.00} | {r.InstancesPerSecond:0} | {r.CompletionsPerSecond:0} | {Opt(r.P50Ms)} | {Opt(r.P99Ms)} | {Bytes(r.AllocatedBytesPerCompletion)} | {r.PeakWorkingSetMb:0} | {r.ProcessCpuMsPerCompletion:0.00} | {Opt(r.ServerCpuMsPerCompletion)} | {r.MachineCpuBusyPercent:0}% |"));
        }
        w.WriteLine("| in-process store | none: Butler persists through EF Core only | | | | | | | | | | | | |");
        w.WriteLine();
        w.WriteLine(Inv($"Garbage collections (gen0/gen1/gen2) and GC pause share of the measured run: {string.Join(", ", results.Select(r => $"{Name(r.Target)} {r.Collections}, {r.GcPausePercent:0.0}%"))}."));
        w.WriteLine();
        w.WriteLine(Inv($"1-minute load average at start → end of each measured run: {string.Join(", ", results.Select(r => $"{Name(r.Target)} {r.LoadBefore} → {r.LoadAfter}"))}."));
        w.WriteLine();
        w.WriteLine("Completions/s and instances/s are over the whole measured run: starts, task look-ups and completions. " +
                    "Allocations and CPU are per task completion but include the start and the look-ups too.");
        w.WriteLine();
        foreach (var r in results.Where(r => r.Notes.Length > 0))
        {
            w.WriteLine(Inv($"- {Name(r.Target)}: {r.Notes}"));
        }
        w.WriteLine();

        var wfc = results.FirstOrDefault(r => r.Target == BenchOptions.WorkflowCore);
        var butler = results.Where(r => r.Target != BenchOptions.WorkflowCore).ToList();
        if (wfc is not null && butler.Count > 0)
        {
            w.WriteLine("### Butler ÷ WorkflowCore (task completions/s)");
            w.WriteLine();
            w.WriteLine("| Butler on | Butler completions/s | WorkflowCore in memory completions/s | ratio |");
            w.WriteLine("|---|---:|---:|---:|");
            foreach (var r in butler)
            {
                w.WriteLine(Inv($"| {Name(r.Target)} | {r.CompletionsPerSecond:0} | {wfc.CompletionsPerSecond:0} | {r.CompletionsPerSecond / wfc.CompletionsPerSecond:0.00}× |"));
            }
            w.WriteLine();
        }

        w.WriteLine("### Targets");
        w.WriteLine();
        foreach (var r in butler)
        {
            var goal = r.Target == BenchOptions.Sqlite ? SqliteTarget : PostgresTarget;
            w.WriteLine(Inv($"- {Name(r.Target)}: {r.CompletionsPerSecond:0} task completions/s against ≥ {goal:0}: {(r.CompletionsPerSecond >= goal ? "met" : "missed")}"));
        }
        var sqlite = results.FirstOrDefault(r => r.Target == BenchOptions.Sqlite);
        if (sqlite is not null && wfc is not null)
        {
            w.WriteLine(Inv($"- durable SQLite faster than WorkflowCore in memory: {(sqlite.CompletionsPerSecond > wfc.CompletionsPerSecond ? "yes" : "no")}"));
        }
        w.WriteLine();

        if (butler.Count > 0)
        {
            w.WriteLine("### Client-side time per call (mean, ms)");
            w.WriteLine();
            w.WriteLine("| target | StartAsync | open-task look-up | CompleteTaskAsync |");
            w.WriteLine("|---|---:|---:|---:|");
            foreach (var r in butler)
            {
                w.WriteLine(Inv($"| {Name(r.Target)} | {Opt(r.StartMeanMs)} | {Opt(r.LookupMeanMs)} | {Opt(r.MeanMs)} |"));
            }
            w.WriteLine();
        }
        foreach (var r in results.Where(r => r.Profile.Count > 0))
        {
            w.WriteLine(Inv($"### SQL profile: {Name(r.Target)}"));
            w.WriteLine();
            foreach (var line in r.Profile)
            {
                w.WriteLine(line);
            }
            w.WriteLine();
        }
    }

    private static string Inv(FormattableString s) => FormattableString.Invariant(s);

    private static string Name(string target) => target switch
    {
        BenchOptions.Sqlite => "Butler, SQLite",
        BenchOptions.Postgres => "Butler, PostgreSQL",
        BenchOptions.WorkflowCore => "WorkflowCore 3.22",
        _ => target,
    };

    private static string Opt(double? ms) => ms is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Bytes(double bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024 * 1024)).ToString("0.0 'MB'", CultureInfo.InvariantCulture)
        : (bytes / 1024).ToString("0.0 'KB'", CultureInfo.InvariantCulture);

    private static string? ProcField(string file, string field)
    {
        try
        {
            return File.ReadLines(file)
                .Where(l => l.StartsWith(field, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Memory()
    {
        var kb = ProcField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return kb is not null && long.TryParse(kb, CultureInfo.InvariantCulture, out var value)
            ? (value / (1024.0 * 1024.0)).ToString("0.0 'GiB'", CultureInfo.InvariantCulture)
            : "unknown";
    }

    private static string Kernel()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.VersionString;
        }
    }

    private static string OsName()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.OSDescription : line["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException)
        {
            return RuntimeInformation.OSDescription;
        }
    }
}
