using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Services;

namespace Butler.Bench;

/// <summary>
/// The equivalent workflow on WorkflowCore 3.22 with its in-memory persistence: a start step, then five WaitFor event steps
/// keyed by the instance, driven by publishing events through <see cref="IWorkflowHost.PublishEvent"/>.
/// </summary>
internal static class WorkflowCoreTarget
{
    private const string WorkflowId = "bench-five-events";
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(2);

    public static async Task<TargetResult> RunAsync(BenchOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(sp => new CountingPersistence(sp.GetRequiredService<ISingletonMemoryProvider>()));
        services.AddWorkflow(o => o.UsePersistence(sp => sp.GetRequiredService<CountingPersistence>()));
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        var store = provider.GetRequiredService<CountingPersistence>();
        host.RegisterWorkflow<FiveEvents, FiveEventsData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            var batch = options.WorkflowCoreBatch == 0 ? Math.Max(options.Instances, options.Warmup) : options.WorkflowCoreBatch;
            Console.Error.WriteLine($"[workflowcore] warm-up: {options.Warmup} instances");
            await DriveAsync(host, store, options.Warmup, batch);
            store.Reset();

            Console.Error.WriteLine($"[workflowcore] measuring: {options.Instances} instances, rounds of {Math.Min(batch, options.Instances)}");
            var result = new TargetResult
            {
                Target = BenchOptions.WorkflowCore,
                Store = "WorkflowCore 3.22 in memory",
                Clients = 1,
                Instances = options.Instances,
                Completions = options.Instances * ButlerTarget.Tasks,
            };
            var meter = RunMeter.Start();
            await DriveAsync(host, store, options.Instances, batch);
            meter.Stop(result);
            using var process = Process.GetCurrentProcess();
            result.PeakWorkingSetMb = process.PeakWorkingSet64 / (1024.0 * 1024.0);
            result.Notes = $"default options; instances go through each event round together, {Math.Min(batch, options.Instances)} at a time, " +
                "so single completions are not timed";
            return result;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Starts the instances of a batch, then for each step waits until every one of them has subscribed to that step's event,
    /// publishes all of those events, and finally waits until every instance has completed.
    /// </summary>
    private static async Task DriveAsync(IWorkflowHost host, CountingPersistence store, int instances, int batch)
    {
        for (var offset = 0; offset < instances; offset += batch)
        {
            var size = Math.Min(batch, instances - offset);
            var keys = Enumerable.Range(0, size).Select(_ => Guid.NewGuid().ToString("N")).ToList();
            var subscribedBefore = Enumerable.Range(1, ButlerTarget.Tasks).Select(k => store.Subscribed(EventName(k))).ToArray();
            var completedBefore = store.Completed;
            foreach (var key in keys)
            {
                await host.StartWorkflow(WorkflowId, new FiveEventsData { Key = key });
            }
            for (var k = 1; k <= ButlerTarget.Tasks; k++)
            {
                var name = EventName(k);
                var before = subscribedBefore[k - 1];
                await WaitUntilAsync(() => store.Subscribed(name) - before >= size, () => $"{store.Subscribed(name) - before} of {size} instances waiting for {name}");
                foreach (var key in keys)
                {
                    await host.PublishEvent(name, key, "Done");
                }
            }
            await WaitUntilAsync(() => store.Completed - completedBefore >= size, () => $"{store.Completed - completedBefore} of {size} instances completed");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> done, Func<string> progress)
    {
        var since = Stopwatch.GetTimestamp();
        while (!done())
        {
            if (Stopwatch.GetElapsedTime(since) > Stall)
            {
                throw new TimeoutException($"WorkflowCore did not get there within {Stall.TotalMinutes} minutes: {progress()}.");
            }
            await Task.Delay(1);
        }
    }

    internal static string EventName(int k) => $"task{k}";

    internal sealed class FiveEventsData
    {
        public string Key { get; set; } = "";
    }

    internal sealed class FiveEvents : IWorkflow<FiveEventsData>
    {
        public string Id => WorkflowId;

        public int Version => 1;

        public void Build(IWorkflowBuilder<FiveEventsData> builder) =>
            builder
                .StartWith(_ => ExecutionResult.Next())
                .WaitFor(EventName(1), (data, ctx) => data.Key)
                .WaitFor(EventName(2), (data, ctx) => data.Key)
                .WaitFor(EventName(3), (data, ctx) => data.Key)
                .WaitFor(EventName(4), (data, ctx) => data.Key)
                .WaitFor(EventName(5), (data, ctx) => data.Key);
    }
}
