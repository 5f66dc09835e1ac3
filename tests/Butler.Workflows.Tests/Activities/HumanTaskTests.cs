using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Activities;

public sealed class HumanTaskTests : IAsyncLifetime
{
    private WorkflowHarness _h = null!;

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<Guid> StartSingleTaskAsync(string id, string title, object assignee, JsonObject? input = null,
        string[]? outcomes = null, object[]? fields = null, Action<FlowBuilder>? more = null) =>
        PublishAndStartAsync(id, title, assignee, input, outcomes, fields, more);

    private async Task<Guid> PublishAndStartAsync(string id, string title, object assignee, JsonObject? input,
        string[]? outcomes, object[]? fields, Action<FlowBuilder>? more)
    {
        var flow = new FlowBuilder(id).Start().Task("task", title, assignee, outcomes, fields).End().Chain("start", "task");
        foreach (var outcome in outcomes ?? ["Done"])
        {
            flow.Connect("task", "end", outcome);
        }
        more?.Invoke(flow);
        await _h.PublishAsync(flow);
        return await _h.StartAsync(id, input);
    }

    [Fact]
    public async Task HumanTask_opens_a_task_and_waits_on_a_bookmark_until_it_is_completed()
    {
        var id = await StartSingleTaskAsync("one-task", "Check the lease", User("ann"));

        var task = await _h.OpenTaskAsync(id, "task");
        Assert.Equal("Check the lease", task.Title);
        Assert.Equal(WorkflowHarness.Epoch, task.CreatedAt);
        var bookmark = Assert.Single(await _h.BookmarksAsync(id));
        Assert.Equal((BookmarkKind.Task, task.Id), (bookmark.Kind, bookmark.WorkItemId));
        Assert.Equal(WorkflowStatus.Running, (await _h.InstanceAsync(id)).Status);

        _h.Time.Advance(TimeSpan.FromHours(5));
        await _h.CompleteOpenAsync(id, "task");

        var done = Assert.Single(await _h.TasksAsync(id));
        Assert.Equal(WorkItemStatus.Done, done.Status);
        Assert.Equal(("ann", "Done"), (done.CompletedBy, done.Outcome));
        Assert.Equal(WorkflowHarness.Epoch.AddHours(5), done.CompletedAt);
        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(id)).Status);
        Assert.Contains(await _h.JournalAsync(id), j => j.Kind == JournalKind.TaskCompleted && j.ActivityId == "task" && j.Actor == "ann");
    }

    [Fact]
    public async Task HumanTask_title_fills_variable_and_input_placeholders_and_blanks_unknown_ones()
    {
        var flow = new FlowBuilder("titled")
            .Variable("project", new JsonObject { ["name"] = "Acme 光伏", ["stage"] = 2 })
            .Start()
            .Task("task", "Brief {{ project.name }} (stage {{project.stage}}) in {{district}}{{nowhere}}", User("ann"))
            .End().Chain("start", "task", "end");
        await _h.PublishAsync(flow);

        var id = await _h.StartAsync("titled", new JsonObject { ["district"] = "Pudong" });

        Assert.Equal("Brief Acme 光伏 (stage 2) in Pudong", (await _h.OpenTaskAsync(id, "task")).Title);
    }

    [Fact]
    public async Task HumanTask_assigned_to_a_user_can_be_completed_by_that_user_only()
    {
        var id = await StartSingleTaskAsync("by-user", "Sign", User("ann"));
        var task = await _h.OpenTaskAsync(id, "task");
        Assert.Equal(("ann", null), (task.AssigneeUser, task.AssigneeRole));

        var stranger = await _h.CompleteAsync(task, actor: new Actor("bob", ["Squad"]));
        var owner = await _h.CompleteAsync(task, actor: new Actor("ANN", []));

        Assert.Equal(OperationStatus.Forbidden, stranger.Status);
        Assert.True(owner.IsOk, WorkflowHarness.Describe(owner));
    }

    [Fact]
    public async Task HumanTask_assigned_to_a_role_can_be_completed_by_any_member_of_it()
    {
        var id = await StartSingleTaskAsync("by-role", "Dispatch", Role("Squad"));
        var task = await _h.OpenTaskAsync(id, "task");
        Assert.Equal((null, "Squad"), (task.AssigneeUser, task.AssigneeRole));

        var outsider = await _h.CompleteAsync(task, actor: new Actor("lee", ["Leader"]));
        var member = await _h.CompleteAsync(task, actor: new Actor("zhang", ["squad"]));

        Assert.Equal(OperationStatus.Forbidden, outsider.Status);
        Assert.True(member.IsOk, WorkflowHarness.Describe(member));
        Assert.Equal("zhang", Assert.Single(await _h.TasksAsync(id)).CompletedBy);
    }

    [Fact]
    public async Task HumanTask_assignee_expression_yielding_a_name_assigns_that_user()
    {
        var id = await StartSingleTaskAsync("by-expr-user", "Visit site", Expression("project.squad + '-lead'"),
            more: f => f.Variable("project"), input: new JsonObject { ["project"] = new JsonObject { ["squad"] = "squad7" } });

        Assert.Equal("squad7-lead", (await _h.OpenTaskAsync(id, "task")).AssigneeUser);
    }

    [Fact]
    public async Task HumanTask_assignee_expression_yielding_a_role_spec_assigns_that_role()
    {
        var id = await StartSingleTaskAsync("by-expr-role", "Escalate", Expression("amount > 100 ? { role: 'Leader' } : { user: 'ann' }"),
            more: f => f.Variable("amount"), input: new JsonObject { ["amount"] = 500 });

        var task = await _h.OpenTaskAsync(id, "task");
        Assert.Equal((null, "Leader"), (task.AssigneeUser, task.AssigneeRole));
    }

    [Fact]
    public async Task HumanTask_whose_assignee_expression_yields_nobody_faults_the_instance()
    {
        var id = await StartSingleTaskAsync("by-expr-nobody", "Orphan", Expression("input.owner"));

        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(id)).Status);
        var incident = Assert.Single(await _h.IncidentsAsync(id));
        Assert.Equal("task", incident.ActivityId);
        Assert.Contains("resolved to nobody", incident.Message, StringComparison.Ordinal);
        Assert.Empty(await _h.TasksAsync(id));
    }

    [Fact]
    public async Task HumanTask_continues_along_the_outcome_the_assignee_chose()
    {
        var flow = new FlowBuilder("outcomes")
            .Start().Task("review", "Review", User("ann"), ["Approve", "Reject", "Extend"])
            .Task("approved", "Approved", User("ann")).Task("rejected", "Rejected", User("ann")).Task("extended", "Extended", User("ann"))
            .Connect("start", "review")
            .Connect("review", "approved", "Approve").Connect("review", "rejected", "Reject").Connect("review", "extended", "Extend");
        await _h.PublishAsync(flow);
        var id = await _h.StartAsync("outcomes");
        var task = await _h.OpenTaskAsync(id, "review");
        Assert.Equal(["Approve", "Reject", "Extend"], JsonSerializer.Deserialize<string[]>(task.OutcomesJson)!);

        var result = await _h.CompleteAsync(task, "Reject", comment: "Missing the lease.");

        Assert.True(result.IsOk, WorkflowHarness.Describe(result));
        Assert.Equal(["rejected"], await _h.OpenActivitiesAsync(id));
        var completed = Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.TaskCompleted);
        Assert.Equal(("Reject", "Missing the lease."), (completed.Outcome, completed.Comment));
    }

    [Fact]
    public async Task HumanTask_refuses_an_outcome_it_does_not_offer_and_stays_open()
    {
        var id = await StartSingleTaskAsync("bad-outcome", "Review", User("ann"), outcomes: ["Approve", "Reject"]);
        var task = await _h.OpenTaskAsync(id, "task");

        var wrong = await _h.CompleteAsync(task, "Done");
        var none = await _h.CompleteAsync(task, "");

        Assert.Equal(OperationStatus.Invalid, wrong.Status);
        Assert.Contains("Approve or Reject", Assert.Single(wrong.Errors!["outcome"]), StringComparison.Ordinal);
        Assert.Equal(OperationStatus.Invalid, none.Status);
        Assert.Equal(WorkItemStatus.Open, (await _h.OpenTaskAsync(id, "task")).Status);
    }

    private static readonly object[] PermitFields =
    [
        new { name = "permitNo", label = "Permit number", type = "text", required = true },
        new { name = "fee", label = new Dictionary<string, string> { ["en"] = "Fee", ["zh-CN"] = "费用" }, type = "number" },
        new { name = "issued", label = "Issued on", type = "date" },
        new { name = "onSite", label = "On site", type = "boolean" },
    ];

    [Fact]
    public async Task HumanTask_form_fields_become_variables_when_it_is_completed()
    {
        var id = await StartSingleTaskAsync("fields", "File the permit", User("ann"), fields: PermitFields,
            more: f => f.Variable("permitNo").Variable("fee", 0));
        var task = await _h.OpenTaskAsync(id, "task");

        var result = await _h.CompleteAsync(task, values: new JsonObject
        {
            ["permitNo"] = "PD-2026-0042",
            ["fee"] = 1250.5,
            ["issued"] = "2026-03-01",
            ["onSite"] = true,
        });

        Assert.True(result.IsOk, WorkflowHarness.Describe(result));
        var variables = await _h.VariablesAsync(id);
        Assert.Equal("PD-2026-0042", variables["permitNo"]!.GetValue<string>());
        Assert.Equal(1250.5m, variables["fee"]!.GetValue<decimal>());
        Assert.Equal("2026-03-01", variables["issued"]!.GetValue<string>());
        Assert.True(variables["onSite"]!.GetValue<bool>());
        var stored = JsonNode.Parse(Assert.Single(await _h.TasksAsync(id)).ValuesJson!)!;
        Assert.Equal("PD-2026-0042", stored["permitNo"]!.GetValue<string>());
    }

    [Fact]
    public async Task HumanTask_form_values_are_checked_against_the_fields()
    {
        var id = await StartSingleTaskAsync("field-checks", "File the permit", User("ann"), fields: PermitFields);
        var task = await _h.OpenTaskAsync(id, "task");

        var result = await _h.CompleteAsync(task, values: new JsonObject
        {
            ["fee"] = "a lot",
            ["issued"] = "01/03/2026",
            ["onSite"] = "yes",
            ["colour"] = "red",
        });

        Assert.Equal(OperationStatus.Invalid, result.Status);
        Assert.Equal(["fields.colour", "fields.fee", "fields.issued", "fields.onSite", "fields.permitNo"],
            result.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(WorkItemStatus.Open, (await _h.OpenTaskAsync(id, "task")).Status);
        Assert.Equal("{}", (await _h.VariablesAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task Completing_a_done_task_again_is_a_conflict()
    {
        var id = await StartSingleTaskAsync("twice", "Once", User("ann"), more: f => f.Connect("start", "other").Task("other", "Keep running", User("bob")));
        var task = await _h.OpenTaskAsync(id, "task");
        Assert.True((await _h.CompleteAsync(task)).IsOk);

        var again = await _h.CompleteAsync(task);

        Assert.Equal(OperationStatus.Conflict, again.Status);
        Assert.Contains("already done", again.Message, StringComparison.Ordinal);
        Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.TaskCompleted);
    }

    [Fact]
    public async Task Completing_an_unknown_task_is_not_found()
    {
        var result = await _h.Runner.CompleteTaskAsync(Guid.NewGuid(), new Actor("ann", []), "Done", null, null);

        Assert.Equal(OperationStatus.NotFound, result.Status);
    }
}
