using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>Delay and WaitSignal's timeout: a durable timer resumes the flow.</summary>
public sealed class WaitingTimerTests : IAsyncLifetime
{
    private DeadlineHarness _h = null!;

    public async Task InitializeAsync() => _h = await DeadlineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<Guid> StartDelayAsync(string duration)
    {
        await _h.Flow.PublishAsync(new FlowBuilder("cooling")
            .Start()
            .Activity("wait", "Delay", new { duration })
            .End()
            .Chain("start", "wait", "end"));
        return await _h.Flow.StartAsync("cooling");
    }

    /// <summary>start → wait (signal "signed", optional timeout) → Done: file / TimedOut: chase.</summary>
    private async Task<Guid> StartWaitForSignatureAsync()
    {
        await _h.Flow.PublishAsync(new FlowBuilder("contract")
            .Variable("contract")
            .Start()
            .Activity("wait", "WaitSignal", new { signal = "signed", variable = "contract", timeout = "PT4H" })
            .Task("file", "File the contract", FlowBuilder.User("squad"))
            .Task("chase", "Chase the landlord", FlowBuilder.User("squad"))
            .Connect("start", "wait").Connect("wait", "file").Connect("wait", "chase", WaitSignalActivity.TimedOut));
        return await _h.Flow.StartAsync("contract");
    }

    [Theory]
    [InlineData("PT1H", 9, 18, 16)]
    // One working day from Friday afternoon ends on Sunday the 20th, an adjusted working day.
    [InlineData("1wd", 9, 20, 18)]
    public async Task A_delay_waits_on_a_timer_until_now_plus_its_duration_and_firing_it_completes_the_flow(string duration, int month, int day, int hour)
    {
        var id = await StartDelayAsync(duration);

        var timer = Assert.Single(await _h.TimersAsync(id));
        var bookmark = Assert.Single(await _h.Flow.BookmarksAsync(id));
        Assert.Equal((TimerKind.Delay, At(month, day, hour), bookmark.Id, TimerStatus.Pending), (timer.Kind, timer.DueAt, timer.BookmarkId, timer.Status));
        Assert.Equal(BookmarkKind.Delay, bookmark.Kind);

        _h.MoveTo(timer.DueAt.AddMinutes(-1));
        Assert.Equal(TimerFireResult.NotYetDue, await _h.FireAsync(timer));
        Assert.Equal(WorkflowStatus.Running, (await _h.Flow.InstanceAsync(id)).Status);

        _h.MoveTo(timer.DueAt);
        Assert.Equal(TimerFireResult.Fired, await _h.FireAsync(timer));

        var instance = await _h.Flow.InstanceAsync(id);
        Assert.Equal((WorkflowStatus.Completed, timer.DueAt), (instance.Status, instance.FinishedAt));
        Assert.Equal(["start:Done", "wait:Done", "end"], await _h.Flow.PathAsync(id));
        Assert.Empty(await _h.Flow.BookmarksAsync(id));
        Assert.Contains(await _h.Flow.JournalAsync(id), j => j.Kind == JournalKind.TimerFired && j.ActivityId == "wait");
        Assert.Equal(TimerStatus.Fired, Assert.Single(await _h.TimersAsync(id)).Status);
        Assert.Equal(TimerFireResult.AlreadyHandled, await _h.FireAsync(timer));
    }

    [Fact]
    public async Task A_signal_before_the_timeout_continues_on_Done_and_cancels_the_timeout()
    {
        var id = await StartWaitForSignatureAsync();
        var timeout = Assert.Single(await _h.TimersAsync(id));
        Assert.Equal((TimerKind.SignalTimeout, At(9, 18, 19)), (timeout.Kind, timeout.DueAt));
        _h.MoveTo(At(9, 18, 17));

        var signalled = await _h.Runner.SignalAsync(id, "signed", new JsonObject { ["no"] = "HT-7" }, Admin);

        Assert.True(signalled.IsOk, WorkflowHarness.Describe(signalled));
        Assert.Equal(["file"], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Equal("HT-7", (await _h.Flow.VariablesAsync(id))["contract"]!["no"]!.GetValue<string>());
        Assert.Equal(TimerStatus.Cancelled, Assert.Single(await _h.TimersAsync(id)).Status);

        _h.MoveTo(timeout.DueAt);
        Assert.Equal(TimerFireResult.AlreadyHandled, await _h.FireAsync(timeout));
        Assert.Equal(["file"], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Contains("wait:Done", await _h.Flow.PathAsync(id));
    }

    [Fact]
    public async Task Without_a_signal_firing_the_timeout_continues_on_TimedOut()
    {
        var id = await StartWaitForSignatureAsync();
        var timeout = Assert.Single(await _h.TimersAsync(id));

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(timeout));

        Assert.Equal(["chase"], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Contains("wait:TimedOut", await _h.Flow.PathAsync(id));
        Assert.DoesNotContain(await _h.Flow.BookmarksAsync(id), b => b.Kind == BookmarkKind.Signal);
        Assert.Null((await _h.Flow.VariablesAsync(id))["contract"]);
        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.SignalAsync(id, "signed", null, Admin)).Status);
    }

    [Fact]
    public async Task A_wait_without_a_timeout_has_no_timer_and_no_TimedOut_outcome()
    {
        var flow = new FlowBuilder("no-timeout")
            .Start()
            .Activity("wait", "WaitSignal", new { signal = "signed" })
            .End()
            .Connect("start", "wait").Connect("wait", "end").Connect("wait", "end", WaitSignalActivity.TimedOut);

        var problems = _h.Flow.Database.Get<DefinitionValidator>().Validate(flow.Json, out _);

        var problem = Assert.Single(problems);
        Assert.Equal("$.connections[2].outcome", problem.Path);
        Assert.Contains("TimedOut", problem.Message, StringComparison.Ordinal);
    }
}
