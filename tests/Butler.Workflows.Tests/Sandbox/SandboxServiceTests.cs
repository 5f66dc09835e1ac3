using Butler.TestSupport;
using Butler.Workflows.Runtime;
using Butler.Workflows.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Butler.Workflows.Tests.Sandbox;

/// <summary>Test runs' lifetime: dropped when idle, capped in number, each one's clock its own.</summary>
public sealed class SandboxServiceTests
{
    private const string Definition = """
        {
          "id": "delay-flow", "name": "Delay",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "Delay", "inputs": { "duration": "P2D" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "wait" },
            { "source": "wait", "outcome": "Done", "target": "end" }
          ]
        }
        """;

    [Fact]
    public async Task A_run_idle_for_30_minutes_is_dropped_and_touching_it_keeps_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        await using var host = await TestDatabase.CreateSqliteAsync(time, s => s.AddWorkflowSandbox());
        var sandboxes = host.Get<SandboxService>();
        var run = (await sandboxes.StartAsync("admin", Definition, null)).Value!;

        time.Advance(TimeSpan.FromMinutes(29));
        await sandboxes.SweepAsync();
        Assert.True((await sandboxes.GetAsync("admin", run.Id)).IsOk);
        time.Advance(TimeSpan.FromMinutes(29));
        await sandboxes.SweepAsync();
        Assert.True((await sandboxes.GetAsync("admin", run.Id)).IsOk);

        time.Advance(TimeSpan.FromMinutes(31));
        await sandboxes.SweepAsync();
        Assert.Equal(OperationStatus.NotFound, (await sandboxes.GetAsync("admin", run.Id)).Status);
        Assert.Equal(0, sandboxes.Count);
    }

    [Fact]
    public async Task Runs_beyond_the_limit_are_refused_until_one_stops()
    {
        await using var host = await TestDatabase.CreateSqliteAsync(configure: s =>
        {
            s.AddWorkflowSandbox();
            s.Configure<SandboxOptions>(o => o.MaxSessions = 2);
        });
        var sandboxes = host.Get<SandboxService>();
        var first = await sandboxes.StartAsync("admin", Definition, null);
        Assert.True((await sandboxes.StartAsync("other", Definition, null)).IsOk);

        var third = await sandboxes.StartAsync("admin", Definition, null);
        Assert.Equal(OperationStatus.Conflict, third.Status);
        Assert.Contains("2 test runs", third.Message, StringComparison.Ordinal);

        Assert.False(await sandboxes.StopAsync("other", first.Value!.Id));
        Assert.True(await sandboxes.StopAsync("admin", first.Value!.Id));
        Assert.True((await sandboxes.StartAsync("admin", Definition, null)).IsOk);
    }

    [Fact]
    public async Task Firing_a_delay_now_moves_only_that_runs_clock_and_finishes_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        await using var host = await TestDatabase.CreateSqliteAsync(time, s => s.AddWorkflowSandbox());
        var sandboxes = host.Get<SandboxService>();
        var run = (await sandboxes.StartAsync("admin", Definition, null)).Value!;
        var other = (await sandboxes.StartAsync("admin", Definition, null)).Value!;
        var delay = Assert.Single(run.Timers);
        Assert.Equal("delay", delay.Kind);
        Assert.Equal(["wait"], run.ActiveActivityIds);

        var fired = (await sandboxes.FireTimerAsync("admin", run.Id, delay.Id)).Value!;

        Assert.Equal("completed", fired.Status);
        Assert.True(fired.Now >= delay.DueAt);
        Assert.Equal(time.GetUtcNow(), (await sandboxes.GetAsync("admin", other.Id)).Value!.Now);
        Assert.Equal(time.GetUtcNow(), host.Get<TimeProvider>().GetUtcNow());
    }
}
