using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Xunit;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>超时自动处理: an escalation step with an <c>action</c> completes the task or decides the approval itself.</summary>
public sealed class TimeoutActionTests : IAsyncLifetime
{
    private DeadlineHarness _h = null!;

    public async Task InitializeAsync() => _h = await DeadlineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_overdue_task_is_completed_by_the_system_with_the_steps_outcome_and_the_flow_runs_on()
    {
        await _h.Flow.PublishAsync(new FlowBuilder("leak")
            .Start()
            .Activity("fix", "HumanTask", new
            {
                title = "Fix the leak",
                assignee = new { user = "squad" },
                outcomes = new[] { "Done", "Skipped" },
                due = "PT4H",
                escalation = new object[] { new { after = "PT1H", notify = new[] { "assignee" }, action = new { outcome = "Skipped" } } },
            })
            .Task("next", "Tell the tenants", FlowBuilder.User("squad"))
            .Connect("start", "fix").Connect("fix", "next", "Skipped"));
        var id = await _h.Flow.StartAsync("leak");
        var task = await _h.Flow.OpenTaskAsync(id, "fix");

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation)));

        var done = await _h.TaskAsync(task.Id);
        Assert.Equal((WorkItemStatus.Done, "Skipped", "system"), (done.Status, done.Outcome, done.CompletedBy));
        Assert.Equal(["next"], await _h.Flow.OpenActivitiesAsync(id));
        var journal = await _h.Flow.JournalAsync(id);
        Assert.Contains(journal, e => e.Kind == JournalKind.TimedOutAction && e.Outcome == "Skipped" && e.Actor == "system");
        Assert.Empty(await _h.PendingTimersAsync(id));
    }

    [Fact]
    public async Task An_overdue_approval_is_decided_by_the_system_with_the_steps_outcome()
    {
        await _h.Flow.PublishAsync(new FlowBuilder("budget")
            .Start()
            .Activity("vote", "Approval", new Dictionary<string, object?>
            {
                ["title"] = "Sign the repair budget",
                ["approvers"] = new object[] { new { user = "leader" } },
                ["due"] = "PT4H",
                ["escalation"] = new object[] { new { after = "PT0S", action = new { outcome = Approval.Approve } } },
            })
            .Task("go", "Order the tiles", FlowBuilder.User("squad"))
            .Connect("start", "vote").Connect("vote", "go", Approval.Approve));
        var id = await _h.Flow.StartAsync("budget");
        var approval = Assert.Single(await _h.ApprovalsAsync(id));

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation)));

        var decided = await _h.ApprovalAsync(approval.Id);
        Assert.Equal((ApprovalStatus.Decided, Approval.Approve), (decided.Status, decided.Outcome));
        Assert.Equal(["go"], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Contains(await _h.Flow.JournalAsync(id), e => e.Kind == JournalKind.TimedOutAction && e.Actor == "system");
    }

    [Fact]
    public void An_action_with_an_outcome_the_step_does_not_offer_is_refused_when_the_definition_is_validated()
    {
        var problems = new Butler.Workflows.Definitions.DefinitionValidator(Butler.Workflows.Activities.ActivityRegistry.CreateDefault()).Validate(new FlowBuilder("bad")
            .Start()
            .Activity("fix", "HumanTask", new
            {
                title = "Fix the leak",
                assignee = new { user = "squad" },
                due = "PT4H",
                escalation = new object[] { new { after = "PT1H", action = new { outcome = "Approve" } } },
            })
            .End()
            .Chain("start", "fix", "end").Json, out _);

        Assert.Contains(problems, p => p.Path == "$.activities[1].inputs.escalation[0].action.outcome");
    }
}
