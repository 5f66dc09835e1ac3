using System.Diagnostics;
using System.Text.Json.Nodes;
using Butler.TestSupport;
using Butler.Workflows;
using Butler.Workflows.Definitions;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Bench;

/// <summary>Runs five-task sequential workflows through Butler's runner, the way an API client would: start, find the task, complete it.</summary>
internal static class ButlerTarget
{
    public const int Tasks = 5;
    private const string DefinitionId = "bench-five-tasks";
    private static readonly Actor Bench = new("bench", []);

    public static async Task<TargetResult> RunAsync(string target, BenchOptions options)
    {
        string? file = null;
        string connectionString;
        DatabaseProvider provider;
        int clients;
        string store;
        if (target == BenchOptions.Sqlite)
        {
            file = Path.Combine(Path.GetTempPath(), $"butler-bench-{Guid.NewGuid():N}.db");
            connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
            provider = DatabaseProvider.Sqlite;
            clients = options.SqliteClients;
            store = options.SqliteSynchronous is { } sync ? $"SQLite file, WAL, synchronous={sync}" : "SQLite file, WAL";
        }
        else
        {
            var server = PostgresServer.Instance;
            connectionString = server.CreateDatabase("butler_bench");
            if (options.PostgresAutoPrepare > 0)
            {
                connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = options.PostgresAutoPrepare }.ConnectionString;
            }
            provider = DatabaseProvider.PostgreSql;
            clients = options.Clients;
            store = (server.IsExternal ? "PostgreSQL (BUTLER_TEST_POSTGRES)" : "PostgreSQL, private cluster")
                + (options.PostgresAutoPrepare > 0 ? $", Max Auto Prepare={options.PostgresAutoPrepare}" : "");
        }

        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddWorkflows();
            services.AddButlerPersistence(provider, connectionString);
            if (provider == DatabaseProvider.Sqlite && options.SqliteSynchronous is { } mode)
            {
                SqliteSynchronous.Configure(services, mode);
            }
            await using var provider_ = services.BuildServiceProvider();
            await provider_.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await DefineAsync(provider_.GetRequiredService<DefinitionService>());

            var runner = provider_.GetRequiredService<WorkflowRunner>();
            var dbFactory = provider_.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
            using var profiler = options.Profile ? new SqlProfiler(options.ShowSql) : null;

            Console.Error.WriteLine($"[{target}] warm-up: {options.Warmup} instances, {clients} client(s)");
            await DriveAsync(runner, dbFactory, options.Warmup, clients, null);

            Console.Error.WriteLine($"[{target}] measuring: {options.Instances} instances, {clients} client(s)");
            var result = new TargetResult
            {
                Target = target,
                Store = store,
                Clients = clients,
                Instances = options.Instances,
                Completions = options.Instances * Tasks,
            };
            var serverCpu = provider == DatabaseProvider.PostgreSql ? await ServerCpu.FindAsync(connectionString) : null;
            profiler?.Begin();
            var serverBefore = serverCpu?.Used();
            var meter = RunMeter.Start();
            var timings = await DriveAsync(runner, dbFactory, options.Instances, clients, profiler);
            meter.Stop(result);
            if (serverCpu is not null)
            {
                result.ServerCpuMsPerCompletion = (serverCpu.Used() - serverBefore!.Value).TotalMilliseconds / result.Completions;
            }
            profiler?.End();

            var latencies = timings.Complete.Order().ToList();
            result.P50Ms = Percentiles.Of(latencies, 0.50);
            result.P99Ms = Percentiles.Of(latencies, 0.99);
            result.MeanMs = latencies.Average();
            result.StartMeanMs = timings.Start.Average();
            result.LookupMeanMs = timings.Lookup.Average();
            if (profiler is not null)
            {
                result.Profile = profiler.Report();
            }
            await VerifyAsync(dbFactory, options.Warmup + options.Instances);
            using var process = Process.GetCurrentProcess();
            result.PeakWorkingSetMb = process.PeakWorkingSet64 / (1024.0 * 1024.0);
            result.Notes = target == BenchOptions.Sqlite
                ? options.SqliteSynchronous is { } m
                    ? $"EXPERIMENT: PRAGMA synchronous={m} set by the benchmark on every connection (the engine leaves FULL)"
                    : "synchronous=FULL (SQLite's default, left as is by the engine)"
                : PostgresNotes();
            return result;
        }
        finally
        {
            if (file is not null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }
            }
        }

        static string PostgresNotes() => PostgresServer.Instance.IsExternal
            ? "server named by BUTLER_TEST_POSTGRES"
            : "private cluster of Butler.TestSupport: fsync=off, synchronous_commit=off, full_page_writes=off";
    }

    /// <summary>Start, then five HumanTasks for the user "bench", then End.</summary>
    private static async Task DefineAsync(DefinitionService definitions)
    {
        var activities = new JsonArray { Activity("start", "Start", []) };
        var connections = new JsonArray();
        var previous = "start";
        for (var k = 1; k <= Tasks; k++)
        {
            var id = $"task{k}";
            activities.Add(Activity(id, "HumanTask", new JsonObject
            {
                ["title"] = $"Task {k}",
                ["assignee"] = new JsonObject { ["user"] = Bench.UserName },
                ["outcomes"] = new JsonArray("Done"),
            }));
            connections.Add(Connection(previous, id));
            previous = id;
        }
        activities.Add(Activity("end", "End", []));
        connections.Add(Connection(previous, "end"));
        var json = new JsonObject
        {
            ["id"] = DefinitionId,
            ["name"] = "Benchmark: five sequential tasks",
            ["variables"] = new JsonArray(),
            ["activities"] = activities,
            ["connections"] = connections,
        }.ToJsonString();

        var created = await definitions.CreateAsync(json, Bench.UserName);
        Check(created.IsOk, "create the definition", created);
        var published = await definitions.PublishAsync(DefinitionId, Bench.UserName);
        Check(published.IsOk, "publish the definition", published);

        static JsonObject Activity(string id, string type, JsonObject inputs) => new() { ["id"] = id, ["type"] = type, ["inputs"] = inputs };
        static JsonObject Connection(string source, string target) => new() { ["source"] = source, ["outcome"] = "Done", ["target"] = target };
    }

    private sealed record Timings(List<double> Start, List<double> Lookup, List<double> Complete);

    /// <summary>Runs <paramref name="instances"/> instances to completion with <paramref name="clients"/> concurrent loops.</summary>
    private static async Task<Timings> DriveAsync(WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, int instances, int clients,
        SqlProfiler? profiler)
    {
        var next = 0;
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var t = new Timings([], [], []);
            while (Interlocked.Increment(ref next) <= instances)
            {
                var started = Stopwatch.GetTimestamp();
                SqlProfiler.Operation = "start";
                var start = await runner.StartAsync(DefinitionId, null, Bench);
                Record(t.Start, "start", started, profiler);
                Check(start.IsOk, "start an instance", start);
                var instanceId = start.Value;
                for (var k = 1; k <= Tasks; k++)
                {
                    started = Stopwatch.GetTimestamp();
                    SqlProfiler.Operation = "lookup";
                    var taskId = await OpenTaskAsync(dbFactory, instanceId);
                    Record(t.Lookup, "lookup", started, profiler);

                    started = Stopwatch.GetTimestamp();
                    SqlProfiler.Operation = "complete";
                    var completed = await runner.CompleteTaskAsync(taskId, Bench, "Done", null, null);
                    Record(t.Complete, "complete", started, profiler);
                    Check(completed.IsOk, $"complete task {k}", completed);
                }
                SqlProfiler.Operation = null;
            }
            return t;
        })));
        return new Timings(
            perClient.SelectMany(t => t.Start).ToList(),
            perClient.SelectMany(t => t.Lookup).ToList(),
            perClient.SelectMany(t => t.Complete).ToList());
    }

    private static void Record(List<double> into, string operation, long started, SqlProfiler? profiler)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        into.Add(elapsed.TotalMilliseconds);
        profiler?.Operated(operation, elapsed);
    }

    /// <summary>The one open task of an instance, as an inbox query would find it.</summary>
    private static async Task<Guid> OpenTaskAsync(IDbContextFactory<ButlerDbContext> dbFactory, Guid instanceId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.WorkItems.AsNoTracking()
            .Where(w => w.InstanceId == instanceId && w.Status == WorkItemStatus.Open)
            .Select(w => w.Id)
            .SingleAsync();
    }

    /// <summary>Every instance completed and every task done, or the numbers mean nothing.</summary>
    private static async Task VerifyAsync(IDbContextFactory<ButlerDbContext> dbFactory, int expected)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var completed = await db.Instances.CountAsync(i => i.Status == WorkflowStatus.Completed);
        var done = await db.WorkItems.CountAsync(w => w.Status == WorkItemStatus.Done);
        if (completed != expected || done != expected * Tasks)
        {
            throw new InvalidOperationException($"Expected {expected} completed instances and {expected * Tasks} done tasks; found {completed} and {done}.");
        }
    }

    private static void Check<T>(bool ok, string what, OperationResult<T> result)
    {
        if (!ok)
        {
            var errors = result.Errors is null ? "" : " " + string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            throw new InvalidOperationException($"Could not {what}: {result.Status} {result.Message}{errors}");
        }
    }
}
