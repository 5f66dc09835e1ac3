using System.Diagnostics;
using System.Globalization;
using System.Text;
using Butler.TestSupport;
using Butler.TimerBench;
using Butler.Workflows;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

BenchOptions options;
try
{
    var parsed = BenchOptions.Parse(args);
    if (parsed is null)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    options = parsed;
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

const string Password = "Timer-bench-password-1";
var hostDll = options.HostDll ?? Paths.DefaultHostDll();
if (!File.Exists(hostDll))
{
    Console.Error.WriteLine($"No host at {hostDll}: build it first (dotnet build -c Release src/Host) or pass --host.");
    return 2;
}
var dataDirectory = Directory.CreateTempSubdirectory("butler-timerbench-").FullName;
var connectionString = options.Provider == DatabaseProvider.Sqlite
    ? $"Data Source={Path.Combine(dataDirectory, "butler.db")}"
    : PostgresServer.Instance.CreateDatabase("timerbench");
if (options.Provider == DatabaseProvider.PostgreSql)
{
    MachineLoad.DatabaseName = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
}
var report = new StringBuilder();
var exitCode = 0;
var failed = true;
try
{
    var live = await LiveRun.RunAsync(options, hostDll, dataDirectory, connectionString, Password);
    var history = await HangfireHistory.ReadAsync(options.Provider, dataDirectory, connectionString, live.Timers);
    var reconciliation = options.SkipReconciliation ? null : await ReconciliationBench.RunAsync(options.Provider, connectionString, dataDirectory);
    Report.Write(report, options, args, live, history, reconciliation);
    exitCode = live.Timers.All(t => t.FiredAt is not null) ? 0 : 1;
    failed = false;
}
finally
{
    if (options.Provider == DatabaseProvider.Sqlite)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
    else
    {
        PostgresServer.Instance.DropDatabase(connectionString);
    }
    if (options.KeepData || failed)
    {
        Console.Error.WriteLine($"Data kept in {dataDirectory}");
    }
    else
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            Console.Error.WriteLine($"Could not delete {dataDirectory}");
        }
    }
}
Console.WriteLine(report.ToString());
if (options.ReportPath is { } path)
{
    await File.WriteAllTextAsync(path, report.ToString());
}
return exitCode;

/// <summary>One Delay timer as the database recorded it.</summary>
internal sealed record TimerRow(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? FiredAt)
{
    public double LatenessMs => FiredAt is { } f ? (f - DueAt).TotalMilliseconds : double.NaN;

    /// <summary>The lateness, or for a timer still pending at <paramref name="end"/> the least it can be.</summary>
    public double LatenessAtLeastMs(DateTimeOffset end) => FiredAt is { } f ? (f - DueAt).TotalMilliseconds : (end - DueAt).TotalMilliseconds;
}

/// <summary>A sample taken while the timers fall due.</summary>
internal sealed record Sample(double SecondsAfterFirstDue, int Pending, double HostCores);

/// <summary>What the live run against the real host measured.</summary>
internal sealed record LiveResult(
    IReadOnlyList<TimerRow> Timers,
    int Definitions,
    TimeSpan DefinitionsTime,
    TimeSpan CreationTime,
    Stats StartLatencyMs,
    int StartsBehindSchedule,
    DateTimeOffset CreationEnd,
    DateTimeOffset FirstDue,
    TimeSpan HostCpuCreation,
    TimeSpan HostCpuFiring,
    MachineLoad MachineCreation,
    MachineLoad MachineFiring,
    TimeSpan FiringWall,
    IReadOnlyList<Sample> Timeline,
    DateTimeOffset End,
    string Commit,
    string? DatabaseVersion,
    int TimerFiredEntries,
    int CompletedInstances,
    IReadOnlyList<string> HostWarnings);

internal static class Paths
{
    /// <summary>The commit the benchmark (and with it the host) was built from, marked when src/ had uncommitted changes.</summary>
    public static string Commit()
    {
        var metadata = typeof(Paths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var commit = metadata.GetValueOrDefault("ButlerCommit");
        return string.IsNullOrWhiteSpace(commit) ? "unknown"
            : commit + (metadata.GetValueOrDefault("ButlerSrcChanged") == "True" ? " (src/ had uncommitted changes)" : "");
    }

    /// <summary>src/Host/bin/&lt;this configuration&gt;/net10.0/Butler.Host.dll of the repository this benchmark was built in.</summary>
    public static string DefaultHostDll()
    {
#if DEBUG
        const string Configuration = "Debug";
#else
        const string Configuration = "Release";
#endif
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Butler.slnx")))
        {
            dir = dir.Parent;
        }
        return dir is null
            ? "Butler.Host.dll"
            : Path.Combine(dir.FullName, "src", "Host", "bin", Configuration, "net10.0", "Butler.Host.dll");
    }
}

internal static class LiveRun
{
    private const int MinDelaySeconds = 5;

    public static async Task<LiveResult> RunAsync(BenchOptions options, string hostDll, string dataDirectory, string connectionString, string password)
    {
        await using var host = await HostProcess.StartAsync(hostDll, dataDirectory, options.Provider, connectionString, password, options.HostSettings);
        Progress($"host {host.Id} up at {host.Address}");
        using var api = await ButlerApi.SignInAsync(host.Address, "admin", password);

        // One definition per whole second of delay, so each start can pick the one that lands on its planned due time.
        var maxDelay = options.LeadSeconds + options.WindowSeconds + 1;
        var definitionsClock = Stopwatch.StartNew();
        var delays = Enumerable.Range(MinDelaySeconds, maxDelay - MinDelaySeconds + 1).ToList();
        if (options.Background > 0)
        {
            delays.Add(ButlerApi.BackgroundDelaySeconds);
        }
        await Parallel.ForEachAsync(delays, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (seconds, _) => await api.PublishDelayDefinitionAsync(seconds));
        definitionsClock.Stop();
        Progress($"{delays.Count} definitions published in {definitionsClock.Elapsed.TotalSeconds:0.0} s");

        // Measured instance m is planned to fall due at t0 + lead + window * (m + 0.5) / N; background instances are
        // spread evenly among them.
        var total = options.Timers + options.Background;
        var cpuBeforeCreation = host.CpuTime;
        var loadBeforeCreation = MachineLoad.Now();
        var t0 = DateTimeOffset.UtcNow;
        var creationClock = Stopwatch.StartNew();
        var next = -1;
        var behind = 0;
        var latencies = new double[total];
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var m = (long)i * options.Timers / total;
                var measured = (long)(i + 1) * options.Timers / total > m;
                var planned = t0.AddSeconds(options.LeadSeconds + options.WindowSeconds * (m + 0.5) / options.Timers);
                var seconds = measured ? (int)Math.Round((planned - DateTimeOffset.UtcNow).TotalSeconds) : ButlerApi.BackgroundDelaySeconds;
                if (seconds < MinDelaySeconds)
                {
                    Interlocked.Increment(ref behind);
                    seconds = MinDelaySeconds;
                }
                var started = Stopwatch.GetTimestamp();
                if (i % 100 == 0)
                {
                    host.ThrowIfExited();
                }
                await api.StartInstanceAsync(ButlerApi.DelayDefinitionId(measured ? Math.Min(seconds, maxDelay) : seconds));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if ((i + 1) % 1000 == 0)
                {
                    Progress($"{i + 1} instances started after {creationClock.Elapsed.TotalSeconds:0.0} s");
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        creationClock.Stop();
        var creationEnd = DateTimeOffset.UtcNow;
        var cpuAfterCreation = host.CpuTime;
        var loadAfterCreation = MachineLoad.Now();
        Progress($"{total} instances in {creationClock.Elapsed.TotalSeconds:0.0} s ({total / creationClock.Elapsed.TotalSeconds:0} /s), {behind} behind schedule");

        // Timers of the measured instances; the background ones fall due long after this.
        var cutoff = t0.AddSeconds(options.LeadSeconds + options.WindowSeconds + options.MaxWaitSeconds + 600);

        await using var services = new ServiceCollection().AddButlerPersistence(options.Provider, connectionString).BuildServiceProvider();
        var dbFactory = services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        DateTimeOffset firstDue;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            firstDue = await db.Timers.Where(t => t.Kind == TimerKind.Delay && t.DueAt < cutoff).MinAsync(t => t.DueAt);
        }

        // Wait while the timers fall due, sampling the pending count and the host's CPU every second.
        var timeline = new List<Sample>();
        var deadline = t0.AddSeconds(options.LeadSeconds + options.WindowSeconds + options.MaxWaitSeconds);
        var lastCpu = host.CpuTime;
        var lastAt = Stopwatch.GetTimestamp();
        var cpuAtFirstDue = lastCpu;
        var loadAtFirstDue = MachineLoad.Now();
        DateTimeOffset? allFiredAt = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(1000);
            int pending;
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                pending = await db.Timers.CountAsync(t => t.Kind == TimerKind.Delay && t.Status == TimerStatus.Pending && t.DueAt < cutoff);
            }
            var cpu = host.CpuTime; // fails the run if the host has exited
            var now = Stopwatch.GetTimestamp();
            var cores = (cpu - lastCpu).TotalSeconds / Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
            var sinceFirstDue = (DateTimeOffset.UtcNow - firstDue).TotalSeconds;
            if (sinceFirstDue < 0)
            {
                cpuAtFirstDue = cpu;
                loadAtFirstDue = MachineLoad.Now();
            }
            else
            {
                timeline.Add(new Sample(sinceFirstDue, pending, cores));
            }
            (lastCpu, lastAt) = (cpu, now);
            if (sinceFirstDue >= 0 && ((int)sinceFirstDue % 5 == 0 || pending == 0))
            {
                Progress($"{sinceFirstDue:0} s after the first due time: {pending} pending, host {cores:0.00} cores");
            }
            if (pending == 0)
            {
                allFiredAt = DateTimeOffset.UtcNow;
                break;
            }
        }
        var cpuAtEnd = host.CpuTime;
        var loadAtEnd = MachineLoad.Now();
        var end = DateTimeOffset.UtcNow;
        // Let Hangfire record the last jobs' final states before the host is stopped.
        await Task.Delay(3000);

        List<TimerRow> timers;
        string? databaseVersion = null;
        int timerFiredEntries, completedInstances;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (options.Provider == DatabaseProvider.PostgreSql)
            {
                databaseVersion = (await db.Database.SqlQueryRaw<string>("SELECT version() AS \"Value\"").ToListAsync()).FirstOrDefault();
            }
            timers = await db.Timers.AsNoTracking().Where(t => t.Kind == TimerKind.Delay && t.DueAt < cutoff)
                .Select(t => new TimerRow(t.Id, t.CreatedAt, t.DueAt, t.FiredAt))
                .ToListAsync();
            // Each timer must have acted exactly once however many jobs fired it: one journal entry, one finished instance.
            timerFiredEntries = await db.Journal.CountAsync(j => j.Kind == JournalKind.TimerFired);
            completedInstances = await db.Instances.CountAsync(i => i.Status == WorkflowStatus.Completed);
        }
        // The console logger writes "warn: Category[id]" and the message on the next line.
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "host.log"));
        var warnings = lines.Select((line, i) => (line, i))
            .Where(x => x.line.StartsWith("warn:", StringComparison.Ordinal) || x.line.StartsWith("fail:", StringComparison.Ordinal) || x.line.StartsWith("crit:", StringComparison.Ordinal))
            .Select(x => x.i + 1 < lines.Length ? $"{x.line} {lines[x.i + 1].Trim()}" : x.line)
            .ToList();
        return new LiveResult(timers, delays.Count, definitionsClock.Elapsed, creationClock.Elapsed, new Stats(latencies), behind, creationEnd, firstDue,
            cpuAfterCreation - cpuBeforeCreation, cpuAtEnd - cpuAtFirstDue, loadAfterCreation - loadBeforeCreation, loadAtEnd - loadAtFirstDue, (allFiredAt ?? end) - firstDue, timeline, end,
            Paths.Commit(), databaseVersion, timerFiredEntries, completedInstances, warnings);
    }

    public static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");
}
