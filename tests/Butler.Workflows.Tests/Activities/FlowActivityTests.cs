using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Activities;

public sealed class FlowActivityTests : IAsyncLifetime
{
    private WorkflowHarness _h = null!;

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Start_runs_first_and_End_completes_the_instance_when_no_branch_is_left()
    {
        await _h.PublishAsync(new FlowBuilder("straight").Start().End().Chain("start", "end"));

        var id = await _h.StartAsync("straight");

        var instance = await _h.InstanceAsync(id);
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal(WorkflowHarness.Epoch, instance.FinishedAt);
        Assert.Equal(["start:Done", "end"], await _h.PathAsync(id));
        var kinds = (await _h.JournalAsync(id)).Select(j => j.Kind).ToList();
        Assert.Equal(JournalKind.InstanceStarted, kinds[0]);
        Assert.Equal(JournalKind.InstanceCompleted, kinds[^1]);
        Assert.Empty(await _h.BookmarksAsync(id));
    }

    [Fact]
    public async Task End_on_one_branch_leaves_the_instance_running_while_another_branch_waits()
    {
        await _h.PublishAsync(new FlowBuilder("half")
            .Start().Activity("fork", "Fork").End("quick-end").Task("slow", "Slow", User("ann")).End()
            .Chain("start", "fork").Connect("fork", "quick-end").Connect("fork", "slow").Connect("slow", "end"));

        var id = await _h.StartAsync("half");

        Assert.Equal(WorkflowStatus.Running, (await _h.InstanceAsync(id)).Status);
        await _h.CompleteOpenAsync(id, "slow");
        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(id)).Status);
    }

    [Theory]
    [InlineData(2_000_000, "big")]
    [InlineData(500, "small")]
    public async Task Decision_continues_on_True_or_False_by_its_condition(int amount, string expected)
    {
        await _h.PublishAsync(new FlowBuilder("decide")
            .Variable("amount", 0)
            .Start()
            .Activity("check", "Decision", new { condition = "amount > 1e6" })
            .Task("big", "Big", User("ann")).Task("small", "Small", User("ann"))
            .Connect("start", "check").Connect("check", "big", "True").Connect("check", "small", "False"));

        var id = await _h.StartAsync("decide", new JsonObject { ["amount"] = amount });

        Assert.Equal([expected], await _h.OpenActivitiesAsync(id));
        Assert.Contains($"check:{(expected == "big" ? "True" : "False")}", await _h.PathAsync(id));
    }

    [Fact]
    public async Task Decision_uses_javascript_truthiness_for_non_boolean_values()
    {
        await _h.PublishAsync(new FlowBuilder("truthy")
            .Variable("note", "")
            .Start()
            .Activity("check", "Decision", new { condition = "note" })
            .Task("noted", "Noted", User("ann")).Task("silent", "Silent", User("ann"))
            .Connect("start", "check").Connect("check", "noted", "True").Connect("check", "silent", "False"));

        var empty = await _h.StartAsync("truthy");
        var filled = await _h.StartAsync("truthy", new JsonObject { ["note"] = "urgent" });

        Assert.Equal(["silent"], await _h.OpenActivitiesAsync(empty));
        Assert.Equal(["noted"], await _h.OpenActivitiesAsync(filled));
    }

    [Fact]
    public async Task Fork_starts_every_connected_branch_at_once()
    {
        await _h.PublishAsync(ForkJoin("fork-only", "all"));

        var id = await _h.StartAsync("fork-only");

        Assert.Equal(["a", "b", "c"], await _h.OpenActivitiesAsync(id));
        Assert.Equal(3, (await _h.BookmarksAsync(id)).Count);
    }

    [Fact]
    public async Task Join_all_waits_for_every_branch()
    {
        await _h.PublishAsync(ForkJoin("join-all", "all"));
        var id = await _h.StartAsync("join-all");

        await _h.CompleteOpenAsync(id, "a");
        await _h.CompleteOpenAsync(id, "c");

        Assert.Equal(WorkflowStatus.Running, (await _h.InstanceAsync(id)).Status);
        Assert.DoesNotContain(await _h.PathAsync(id), p => p.StartsWith("join", StringComparison.Ordinal));
        Assert.Equal(["b"], await _h.OpenActivitiesAsync(id));

        await _h.CompleteOpenAsync(id, "b");

        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(id)).Status);
        var path = await _h.PathAsync(id);
        Assert.Single(path, p => p == "join:Done");
        Assert.Equal("end", path[^1]);
    }

    [Fact]
    public async Task Join_all_forgets_its_arrivals_once_it_continues_so_a_loop_waits_again()
    {
        // fork -> a, b -> join(all) -> again? (Yes: back to fork) / (No: end)
        await _h.PublishAsync(new FlowBuilder("join-loop")
            .Start().Activity("fork", "Fork").Task("a", "A", User("ann")).Task("b", "B", User("bob"))
            .Activity("join", "Join", new { mode = "all" })
            .Task("again", "Again?", User("ann"), ["Yes", "No"]).End()
            .Chain("start", "fork").Connect("fork", "a").Connect("fork", "b").Connect("a", "join").Connect("b", "join")
            .Connect("join", "again").Connect("again", "fork", "Yes").Connect("again", "end", "No"));
        var id = await _h.StartAsync("join-loop");
        await _h.CompleteOpenAsync(id, "a");
        await _h.CompleteOpenAsync(id, "b");
        await _h.CompleteOpenAsync(id, "again", "Yes");

        await _h.CompleteOpenAsync(id, "a");

        Assert.Equal(["b"], await _h.OpenActivitiesAsync(id));
        await _h.CompleteOpenAsync(id, "b");
        Assert.Equal(["again"], await _h.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task Join_any_continues_with_the_first_branch_and_cancels_the_other_branches_tasks()
    {
        await _h.PublishAsync(ForkJoin("join-any", "any"));
        var id = await _h.StartAsync("join-any");

        await _h.CompleteOpenAsync(id, "b");

        var instance = await _h.InstanceAsync(id);
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        var tasks = await _h.TasksAsync(id);
        Assert.Equal(WorkItemStatus.Done, tasks.Single(t => t.ActivityId == "b").Status);
        Assert.All(tasks.Where(t => t.ActivityId != "b"), t =>
        {
            Assert.Equal(WorkItemStatus.Cancelled, t.Status);
            Assert.Equal(WorkflowHarness.Epoch, t.CompletedAt);
        });
        Assert.Empty(await _h.BookmarksAsync(id));
        var cancelled = (await _h.JournalAsync(id)).Where(j => j.Kind == JournalKind.BranchCancelled).Select(j => j.ActivityId).Order(StringComparer.Ordinal);
        Assert.Equal(["a", "c"], cancelled);
        Assert.Single(await _h.PathAsync(id), p => p == "join:Done");
    }

    [Fact]
    public async Task A_cancelled_task_of_a_Join_any_cannot_be_completed_afterwards()
    {
        await _h.PublishAsync(ForkJoin("join-any-late", "any"));
        var id = await _h.StartAsync("join-any-late");
        var late = await _h.OpenTaskAsync(id, "a");
        await _h.CompleteOpenAsync(id, "b");

        var result = await _h.CompleteAsync(late);

        Assert.Equal(OperationStatus.Conflict, result.Status);
        Assert.Contains("cancelled", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_any_continues_once_when_several_branches_arrive_in_the_same_run()
    {
        // Neither branch waits, so both tokens reach the join during the start itself.
        await _h.PublishAsync(new FlowBuilder("join-any-same-run")
            .Start().Activity("fork", "Fork")
            .Activity("left", "SetVariable", new { name = "left", value = "1" })
            .Activity("right", "SetVariable", new { name = "right", value = "2" })
            .Activity("join", "Join", new { mode = "any" })
            .Task("after", "After", User("ann"))
            .Chain("start", "fork").Connect("fork", "left").Connect("fork", "right")
            .Connect("left", "join").Connect("right", "join").Connect("join", "after"));

        var id = await _h.StartAsync("join-any-same-run");

        Assert.Single(await _h.TasksAsync(id));
        Assert.Single(await _h.PathAsync(id), p => p == "join:Done");
    }

    private static FlowBuilder ForkJoin(string id, string mode) => new FlowBuilder(id)
        .Start().Activity("fork", "Fork")
        .Task("a", "A", User("ann")).Task("b", "B", User("bob")).Task("c", "C", Role("Squad"))
        .Activity("join", "Join", new { mode }).End()
        .Chain("start", "fork")
        .Connect("fork", "a").Connect("fork", "b").Connect("fork", "c")
        .Connect("a", "join").Connect("b", "join").Connect("c", "join")
        .Connect("join", "end");
}
