using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Butler.Workflows.Runtime.Alterations;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Runtime;

public sealed class AlterationTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("admin", ["Admin"]);
    private WorkflowHarness _h = null!;

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>start → fork → (a1 → a2 → end) and (b → end); a variable <c>amount</c>.</summary>
    private static FlowBuilder Forked(string id = "forked") => new FlowBuilder(id)
        .Variable("amount", 0)
        .Start()
        .Activity("fork", "Fork")
        .Task("a1", "A one", User("ann")).Task("a2", "A two", User("ann"))
        .Task("b", "B", User("bob"))
        .End()
        .Chain("start", "fork", "a1", "a2", "end")
        .Connect("fork", "b").Connect("b", "end");

    [Fact]
    public async Task Scheduling_an_activity_of_a_running_instance_opens_its_task()
    {
        await _h.PublishAsync(Forked());
        var id = await _h.StartAsync("forked");

        var altered = await _h.Runner.AlterAsync(id, [new ScheduleActivity("a2")], "Skip ahead: A one is done on paper", Admin);

        Assert.True(altered.IsOk, WorkflowHarness.Describe(altered));
        Assert.Equal(["a1", "a2", "b"], await _h.OpenActivitiesAsync(id));
        Assert.Contains(await _h.BookmarksAsync(id), b => b.ActivityId == "a2" && b.Kind == BookmarkKind.Task);
        var entry = Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.ActivityScheduled);
        Assert.Equal(("admin", "a2", "Skip ahead: A one is done on paper"), (entry.Actor, entry.ActivityId, entry.Comment));
        Assert.Equal(WorkflowStatus.Running, (await _h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task Cancelling_a_branch_cancels_its_tasks_and_bookmarks_while_the_other_branch_goes_on()
    {
        await _h.PublishAsync(Forked());
        var id = await _h.StartAsync("forked");
        await _h.CompleteOpenAsync(id, "a1");
        Assert.Equal(["a2", "b"], await _h.OpenActivitiesAsync(id));

        var altered = await _h.Runner.AlterAsync(id, [new CancelActivity("a1", Branch: true)], "The company withdrew part A", Admin);

        Assert.True(altered.IsOk, WorkflowHarness.Describe(altered));
        Assert.Equal(["b"], await _h.OpenActivitiesAsync(id));
        Assert.Equal(WorkItemStatus.Cancelled, Assert.Single(await _h.TasksAsync(id), t => t.ActivityId == "a2").Status);
        Assert.Equal(["b"], (await _h.BookmarksAsync(id)).Select(b => b.ActivityId));
        var entry = Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.ActivityCancelled);
        Assert.Equal(("admin", "a1", "The company withdrew part A", "branch: a2"), (entry.Actor, entry.ActivityId, entry.Comment, entry.Detail));
        Assert.Equal(WorkflowStatus.Running, (await _h.InstanceAsync(id)).Status);

        await _h.CompleteOpenAsync(id, "b");

        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(id)).Status);
        Assert.Equal(["b:Done", "end"], (await _h.PathAsync(id)).TakeLast(2));
    }

    [Fact]
    public async Task Cancelling_an_activity_nothing_waits_at_is_invalid_and_changes_nothing()
    {
        await _h.PublishAsync(Forked());
        var id = await _h.StartAsync("forked");

        var altered = await _h.Runner.AlterAsync(id, [new CancelActivity("a2")], "Wrong one", Admin);

        Assert.Equal(OperationStatus.Invalid, altered.Status);
        Assert.Contains("alterations[0].activityId", altered.Errors!.Keys);
        Assert.Equal(["a1", "b"], await _h.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task Setting_variables_changes_declared_ones_and_refuses_unknown_names_naming_them()
    {
        await _h.PublishAsync(Forked());
        var id = await _h.StartAsync("forked");

        var refused = await _h.Runner.AlterAsync(id,
            [new SetVariables(new JsonObject { ["amount"] = 5, ["amonut"] = 6 })], "Typo in the amount", Admin);

        Assert.Equal(OperationStatus.Invalid, refused.Status);
        Assert.Equal(["variables.amonut"], refused.Errors!.Keys);
        Assert.Equal(0, (await _h.VariablesAsync(id))["amount"]!.GetValue<int>());
        Assert.DoesNotContain(await _h.JournalAsync(id), j => j.Kind == JournalKind.VariablesSet);

        var set = await _h.Runner.AlterAsync(id, [new SetVariables(new JsonObject { ["amount"] = 5 })], "Corrected amount", Admin);

        Assert.True(set.IsOk, WorkflowHarness.Describe(set));
        Assert.Equal(5, (await _h.VariablesAsync(id))["amount"]!.GetValue<int>());
        var entry = Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.VariablesSet);
        Assert.Equal(("admin", "Corrected amount", "variables: amount"), (entry.Actor, entry.Comment, entry.Detail));
    }

    [Fact]
    public async Task An_alteration_needs_a_reason()
    {
        await _h.PublishAsync(Forked());
        var id = await _h.StartAsync("forked");

        var altered = await _h.Runner.AlterAsync(id, [new ScheduleActivity("a2")], "  ", Admin);

        Assert.Equal(OperationStatus.Invalid, altered.Status);
        Assert.Contains("reason", altered.Errors!.Keys);
        Assert.Equal(["a1", "b"], await _h.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task Moving_to_a_version_that_has_every_waiting_activity_runs_on_in_that_version()
    {
        await _h.PublishAsync(Forked());
        var id = await _h.StartAsync("forked");
        // Version 2 puts a review after a1.
        await _h.PublishAsync(new FlowBuilder("forked")
            .Variable("amount", 0)
            .Start()
            .Activity("fork", "Fork")
            .Task("a1", "A one", User("ann")).Task("review", "Review A", User("leader")).Task("a2", "A two", User("ann"))
            .Task("b", "B", User("bob"))
            .End()
            .Chain("start", "fork", "a1", "review", "a2", "end")
            .Connect("fork", "b").Connect("b", "end"));

        var moved = await _h.Runner.AlterAsync(id, [new MoveToVersion(2)], "Reviews are required from now on", Admin);

        Assert.True(moved.IsOk, WorkflowHarness.Describe(moved));
        Assert.Equal(2, (await _h.InstanceAsync(id)).Version);
        var entry = Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.VersionMoved);
        Assert.Equal(("admin", "Reviews are required from now on", "v1 → v2"), (entry.Actor, entry.Comment, entry.Detail));

        await _h.CompleteOpenAsync(id, "a1");

        Assert.Equal(["b", "review"], await _h.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task Moving_to_a_version_without_a_waiting_activity_is_refused_naming_it()
    {
        await _h.PublishAsync(Forked());
        var id = await _h.StartAsync("forked");
        await _h.PublishAsync(new FlowBuilder("forked")
            .Variable("amount", 0)
            .Start()
            .Activity("fork", "Fork")
            .Task("a1", "A one", User("ann"))
            .End()
            .Chain("start", "fork", "a1", "end"));

        var moved = await _h.Runner.AlterAsync(id, [new MoveToVersion(2)], "Part B is dropped", Admin);

        Assert.Equal(OperationStatus.Invalid, moved.Status);
        Assert.Equal(["activities.b"], moved.Errors!.Keys);
        Assert.Equal(1, (await _h.InstanceAsync(id)).Version);
        Assert.DoesNotContain(await _h.JournalAsync(id), j => j.Kind == JournalKind.VersionMoved);
    }

    [Fact]
    public async Task Altering_a_completed_instance_is_a_conflict()
    {
        await _h.PublishAsync(new FlowBuilder("straight").Start().End().Chain("start", "end"));
        var id = await _h.StartAsync("straight");

        var altered = await _h.Runner.AlterAsync(id, [new ScheduleActivity("end")], "Again", Admin);

        Assert.Equal(OperationStatus.Conflict, altered.Status);
    }

    [Fact]
    public async Task Repairing_and_rescheduling_the_faulted_activity_sets_a_faulted_instance_running_again()
    {
        await _h.PublishAsync(new FlowBuilder("scored")
            .Variable("score")
            .Start()
            .Activity("check", "Decision", new { condition = "score.value > 3" })
            .Task("big", "Big", User("ann")).Task("small", "Small", User("ann"))
            .End()
            .Connect("start", "check").Connect("check", "big", "True").Connect("check", "small", "False")
            .Connect("big", "end").Connect("small", "end"));
        var id = await _h.StartAsync("scored");
        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(id)).Status);

        var altered = await _h.Runner.AlterAsync(id,
            [new SetVariables(new JsonObject { ["score"] = new JsonObject { ["value"] = 1 } }), new ScheduleActivity("check")],
            "The score was missing from the import", Admin);

        Assert.True(altered.IsOk, WorkflowHarness.Describe(altered));
        var instance = await _h.InstanceAsync(id);
        Assert.Equal((WorkflowStatus.Running, null), (instance.Status, instance.FinishedAt));
        Assert.Equal(["small"], await _h.OpenActivitiesAsync(id));
        Assert.Equal([JournalKind.VariablesSet, JournalKind.ActivityScheduled],
            (await _h.JournalAsync(id)).Where(j => j.Comment == "The score was missing from the import").Select(j => j.Kind));
    }
}
