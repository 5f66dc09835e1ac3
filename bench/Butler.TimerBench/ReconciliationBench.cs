using System.Diagnostics;
using Butler.Workflows;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Butler.TimerBench;

/// <summary>One way the sweep found the timers, and what each run of it cost.</summary>
internal sealed record SweepCase(string Storage, string Name, int Pending, IReadOnlyList<int> Handed, Stats Ms);

internal sealed record ReconciliationResult(IReadOnlyList<SweepCase> Cases);

/// <summary>A clock the benchmark sets, so the sweep sees the timers as fresh, lost or overdue.</summary>
internal sealed class BenchClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Times <see cref="TimerJobs.ReconcileAsync"/> on the benchmark's database after the host is gone: the timers are put
/// back to pending and the sweep runs against a throwaway Hangfire storage, in-memory and of the host's own kind.
/// </summary>
internal static class ReconciliationBench
{
    private const int SteadyRuns = 10;
    private const int OverdueRuns = 3;

    public static async Task<ReconciliationResult> RunAsync(DatabaseProvider provider, string connectionString, string dataDirectory)
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        var clock = new BenchClock();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddWorkflows()
            .AddButlerPersistence(provider, connectionString)
            .BuildServiceProvider();
        var dbFactory = services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        var runner = services.GetRequiredService<WorkflowRunner>();
        var settings = new SchedulingOptions();

        DateTimeOffset firstDue, lastDue;
        int pending;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var delays = db.Timers.Where(t => t.Kind == TimerKind.Delay);
            pending = await delays.CountAsync();
            firstDue = await delays.MinAsync(t => t.DueAt);
            lastDue = await delays.MaxAsync(t => t.DueAt);
        }

        var cases = new List<SweepCase>();
        foreach (var (name, storage) in Storages(provider, connectionString, dataDirectory))
        {
            LiveRun.Progress($"reconciliation sweep on {name} Hangfire storage");
            try
            {
                var jobs = new TimerJobs(runner, dbFactory, new BackgroundJobClient(storage), clock, Options.Create(settings), NullLogger<TimerJobs>.Instance);

                // Every timer pending and scheduled, none overdue: the sweep every minute of a healthy host.
                await ResetAsync(dbFactory, "scheduled");
                clock.Now = firstDue.AddSeconds(-1);
                await jobs.ReconcileAsync(CancellationToken.None);
                cases.Add(await TimeAsync(name, "all scheduled, none overdue", pending, jobs, SteadyRuns));

                // No timer has a job (Hangfire's storage was lost) and none is overdue yet: each sweep hands over one batch.
                await ResetAsync(dbFactory, null, firstDue.AddHours(-1));
                clock.Now = firstDue.AddSeconds(-1);
                cases.Add(await TimeAsync(name, "none has a job", pending, jobs, pending / settings.BatchSize + 2));

                // Every timer overdue past the grace though it has a job: the sweep re-enqueues the oldest batch each run.
                await ResetAsync(dbFactory, "scheduled");
                clock.Now = lastDue + settings.OverdueGrace + TimeSpan.FromSeconds(1);
                cases.Add(await TimeAsync(name, "all overdue", pending, jobs, OverdueRuns));
            }
            finally
            {
                (storage as IDisposable)?.Dispose();
            }
        }
        return new ReconciliationResult(cases);
    }

    private static IEnumerable<(string Name, JobStorage Storage)> Storages(DatabaseProvider provider, string connectionString, string dataDirectory)
    {
        yield return ("in-memory", new InMemoryStorage());
        if (provider == DatabaseProvider.Sqlite)
        {
            yield return ("SQLite", new SQLiteStorage(Path.Combine(dataDirectory, "reconcile-hangfire.db"), new SQLiteStorageOptions()));
        }
        else
        {
            var options = new PostgreSqlStorageOptions { SchemaName = "hangfire_reconcile", PrepareSchemaIfNecessary = true };
            yield return ("PostgreSQL", new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options));
        }
    }

    /// <summary>Puts every Delay timer back to pending with the given job id, optionally as created at <paramref name="createdAt"/>.</summary>
    private static async Task ResetAsync(IDbContextFactory<ButlerDbContext> dbFactory, string? jobId, DateTimeOffset? createdAt = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var timers = db.Timers.Where(t => t.Kind == TimerKind.Delay);
        await timers.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, TimerStatus.Pending)
            .SetProperty(t => t.FiredAt, (DateTimeOffset?)null)
            .SetProperty(t => t.JobId, jobId));
        if (createdAt is { } at)
        {
            await timers.ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, at));
        }
    }

    /// <summary>Runs the sweep <paramref name="runs"/> times.</summary>
    private static async Task<SweepCase> TimeAsync(string storage, string name, int pending, TimerJobs jobs, int runs)
    {
        var handed = new List<int>();
        var ms = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var count = await jobs.ReconcileAsync(CancellationToken.None);
            ms.Add(clock.Elapsed.TotalMilliseconds);
            handed.Add(count);
        }
        return new SweepCase(storage, name, pending, handed, new Stats(ms));
    }
}
