using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Runtime;

public sealed class RunnerScenarioTests : IAsyncLifetime
{
    private WorkflowHarness _h = null!;

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Rejected_work_goes_back_to_the_task_until_it_is_approved()
    {
        await _h.PublishAsync(new FlowBuilder("rework")
            .Variable("rounds", 0)
            .Start()
            .Task("prepare", "Prepare the brief (round {{rounds}})", Role("Squad"), fields: [new { name = "brief", type = "textarea", required = true }])
            .Activity("count", "SetVariable", new { name = "rounds", value = "rounds + 1" })
            .Task("review", "Review: {{brief}}", User("leader"), ["Approve", "Reject"])
            .End()
            .Chain("start", "prepare", "count", "review")
            .Connect("review", "prepare", "Reject").Connect("review", "end", "Approve"));
        var id = await _h.StartAsync("rework");

        await _h.CompleteOpenAsync(id, "prepare", values: new JsonObject { ["brief"] = "draft one" });
        Assert.Equal("Review: draft one", (await _h.OpenTaskAsync(id, "review")).Title);
        await _h.CompleteOpenAsync(id, "review", "Reject");

        Assert.Equal("Prepare the brief (round 1)", (await _h.OpenTaskAsync(id, "prepare")).Title);
        await _h.CompleteOpenAsync(id, "prepare", values: new JsonObject { ["brief"] = "draft two" });
        Assert.Equal("Review: draft two", (await _h.OpenTaskAsync(id, "review")).Title);
        await _h.CompleteOpenAsync(id, "review", "Approve");

        var instance = await _h.InstanceAsync(id);
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal(2, (await _h.VariablesAsync(id))["rounds"]!.GetValue<int>());
        Assert.Equal(
            ["start:Done", "prepare:Done", "count:Done", "review:Reject", "prepare:Done", "count:Done", "review:Approve", "end"],
            await _h.PathAsync(id));
        var tasks = await _h.TasksAsync(id);
        Assert.Equal(4, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(WorkItemStatus.Done, t.Status));
        var journal = await _h.JournalAsync(id);
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Sequence));
        Assert.Equal(journal.Count, instance.JournalCount);
    }

    [Fact]
    public async Task A_loop_without_a_wait_faults_the_instance_with_a_step_budget_incident_instead_of_hanging()
    {
        await _h.PublishAsync(new FlowBuilder("spin")
            .Variable("n", 0)
            .Start()
            .Activity("inc", "SetVariable", new { name = "n", value = "n + 1" })
            .Activity("again", "Decision", new { condition = "n >= 0" })
            .End()
            .Chain("start", "inc", "again")
            .Connect("again", "inc", "True").Connect("again", "end", "False"));

        var id = await _h.StartAsync("spin");

        var instance = await _h.InstanceAsync(id);
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Equal(WorkflowHarness.Epoch, instance.FinishedAt);
        var incident = Assert.Single(await _h.IncidentsAsync(id));
        Assert.Equal("StepBudgetExceeded", incident.Kind);
        Assert.Contains("More than 1000 activities", incident.Message, StringComparison.Ordinal);
        Assert.Null(incident.Expression);
        Assert.Equal(JournalKind.InstanceFaulted, (await _h.JournalAsync(id))[^1].Kind);
    }

    [Fact]
    public async Task The_step_budget_is_per_stimulus_and_configurable()
    {
        await using var h = await WorkflowHarness.CreateAsync(configure: s => s.Configure<RunnerOptions>(o => o.MaxStepsPerStimulus = 10));
        // 3 laps of (inc, check) plus start fit in 10 steps; the wait resets the count for the next stimulus.
        await h.PublishAsync(new FlowBuilder("laps")
            .Variable("n", 0)
            .Start()
            .Activity("inc", "SetVariable", new { name = "n", value = "n + 1" })
            .Activity("check", "Decision", new { condition = "n % 3 == 0" })
            .Task("pause", "Lap {{n}}", User("ann"))
            .Chain("start", "inc", "check")
            .Connect("check", "inc", "False").Connect("check", "pause", "True").Connect("pause", "inc"));
        var id = await h.StartAsync("laps");

        await h.CompleteOpenAsync(id, "pause");
        await h.CompleteOpenAsync(id, "pause");

        Assert.Equal(WorkflowStatus.Running, (await h.InstanceAsync(id)).Status);
        Assert.Equal("Lap 9", (await h.OpenTaskAsync(id, "pause")).Title);
    }

    [Fact]
    public async Task An_expression_error_faults_only_its_instance_and_names_the_expression_and_message()
    {
        const string Condition = "input.order.amount > 100";
        await _h.PublishAsync(new FlowBuilder("fragile")
            .Start()
            .Activity("check", "Decision", new { condition = Condition })
            .Task("big", "Big", User("ann")).Task("small", "Small", User("ann"))
            .Connect("start", "check").Connect("check", "big", "True").Connect("check", "small", "False"));

        var broken = await _h.StartAsync("fragile", new JsonObject());
        var healthy = await _h.StartAsync("fragile", new JsonObject { ["order"] = new JsonObject { ["amount"] = 250 } });

        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(broken)).Status);
        var incident = Assert.Single(await _h.IncidentsAsync(broken));
        Assert.Equal(("ExpressionFailed", "check", Condition), (incident.Kind, incident.ActivityId, incident.Expression));
        Assert.Contains(Condition, incident.Message, StringComparison.Ordinal);
        Assert.Contains("amount", incident.Message, StringComparison.Ordinal);
        Assert.Contains(await _h.JournalAsync(broken), j => j.Kind == JournalKind.ActivityFaulted && j.ActivityId == "check");

        Assert.Equal(WorkflowStatus.Running, (await _h.InstanceAsync(healthy)).Status);
        Assert.Empty(await _h.IncidentsAsync(healthy));
        Assert.Equal(["big"], await _h.OpenActivitiesAsync(healthy));
    }

    [Fact]
    public async Task An_expression_error_after_a_task_faults_the_instance_and_cancels_its_other_open_tasks()
    {
        await _h.PublishAsync(new FlowBuilder("fragile-later")
            .Variable("score")
            .Start().Activity("fork", "Fork")
            .Task("rate", "Rate", User("ann"), fields: [new { name = "score", type = "number" }])
            .Task("other", "Other", User("bob"))
            .Activity("check", "Decision", new { condition = "score.value > 3" })
            .End()
            .Chain("start", "fork").Connect("fork", "rate").Connect("fork", "other")
            .Connect("rate", "check").Connect("check", "end", "True").Connect("check", "end", "False").Connect("other", "end"));
        var id = await _h.StartAsync("fragile-later");

        var result = await _h.Runner.CompleteTaskAsync((await _h.OpenTaskAsync(id, "rate")).Id, new Actor("ann", []), "Done", null, []);

        Assert.True(result.IsOk, WorkflowHarness.Describe(result));
        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(id)).Status);
        Assert.Equal("score.value > 3", Assert.Single(await _h.IncidentsAsync(id)).Expression);
        Assert.Equal(WorkItemStatus.Cancelled, (await _h.TasksAsync(id)).Single(t => t.ActivityId == "other").Status);
        Assert.Empty(await _h.BookmarksAsync(id));
        var late = await _h.CompleteAsync((await _h.TasksAsync(id)).Single(t => t.ActivityId == "other"));
        Assert.Equal(OperationStatus.Conflict, late.Status);
    }

    [Fact]
    public async Task An_endless_expression_is_stopped_and_faults_its_instance()
    {
        await _h.PublishAsync(new FlowBuilder("endless")
            .Variable("x")
            .Start().Activity("spin", "SetVariable", new { name = "x", value = "while (true) {}" }).End()
            .Chain("start", "spin", "end"));

        var id = await _h.StartAsync("endless");

        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(id)).Status);
        var incident = Assert.Single(await _h.IncidentsAsync(id));
        Assert.Equal(("ExpressionFailed", "while (true) {}"), (incident.Kind, incident.Expression));
        Assert.Matches("statements|ms", incident.Message);
    }

    [Fact]
    public async Task Expressions_have_no_access_to_the_CLR()
    {
        await _h.PublishAsync(new FlowBuilder("sandbox")
            .Variable("probe")
            .Start()
            .Activity("probe", "SetVariable", new { name = "probe", value = "[typeof System, typeof importNamespace, typeof clr, typeof require].join(',')" })
            .Activity("escape", "SetVariable", new { name = "escaped", value = "System.IO.File.ReadAllText('/etc/passwd')" })
            .End()
            .Chain("start", "probe", "escape", "end"));

        var id = await _h.StartAsync("sandbox");

        Assert.Equal("undefined,undefined,undefined,undefined", (await _h.VariablesAsync(id))["probe"]!.GetValue<string>());
        var incident = Assert.Single(await _h.IncidentsAsync(id));
        Assert.Equal("escape", incident.ActivityId);
        Assert.Contains("System is not defined", incident.Message, StringComparison.Ordinal);
        Assert.Null((await _h.VariablesAsync(id))["escaped"]);
    }

    [Fact]
    public async Task A_cancelled_instance_cancels_its_open_tasks_and_refuses_further_stimuli()
    {
        await _h.PublishAsync(new FlowBuilder("cancel")
            .Start().Task("task", "T", User("ann")).Activity("wait", "WaitSignal", new { signal = "go" })
            .Connect("start", "task").Connect("start", "wait"));
        var id = await _h.StartAsync("cancel");
        _h.Time.Advance(TimeSpan.FromMinutes(7));

        var cancelled = await _h.Runner.CancelAsync(id, new Actor("admin", ["Admin"]));

        Assert.True(cancelled.IsOk, WorkflowHarness.Describe(cancelled));
        var instance = await _h.InstanceAsync(id);
        Assert.Equal((WorkflowStatus.Cancelled, WorkflowHarness.Epoch.AddMinutes(7)), (instance.Status, instance.FinishedAt));
        Assert.Equal(WorkItemStatus.Cancelled, Assert.Single(await _h.TasksAsync(id)).Status);
        Assert.Empty(await _h.BookmarksAsync(id));
        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.SignalAsync(id, "go", null, Actor.System)).Status);
        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.CancelAsync(id, Actor.System)).Status);
    }

    [Fact]
    public async Task Starting_needs_a_published_definition_and_an_object_input()
    {
        await _h.Definitions.CreateAsync(new FlowBuilder("draft-only").Start().End().Chain("start", "end").Json, "admin");

        var unknown = await _h.Runner.StartAsync("nope", null, Actor.System);
        var draft = await _h.Runner.StartAsync("draft-only", null, Actor.System);
        var array = await _h.Runner.StartAsync("draft-only", new JsonArray(1, 2), Actor.System);

        Assert.Equal(OperationStatus.Invalid, unknown.Status);
        Assert.Equal("definition.notFound", Assert.IsType<Butler.Workflows.Input.ValidationErrors>(unknown.Errors).CodeOf("definitionId")?.Code);
        Assert.Contains("No definition", unknown.Errors!["definitionId"][0], StringComparison.Ordinal);
        Assert.Equal(OperationStatus.Invalid, draft.Status);
        Assert.Equal("field.notPublished", Assert.IsType<Butler.Workflows.Input.ValidationErrors>(draft.Errors).CodeOf("definitionId")?.Code);
        Assert.Equal(OperationStatus.Invalid, array.Status);
        Assert.True(array.Errors!.ContainsKey("input"));
    }
}
