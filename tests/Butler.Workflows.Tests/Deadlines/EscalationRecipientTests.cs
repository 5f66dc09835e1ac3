using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>Whom an escalation step reaches: the words assignee, teamLead and responsibleLeader, and approvals that run late.</summary>
public sealed class EscalationRecipientTests : IAsyncLifetime
{
    private DeadlineHarness _h = null!;

    public async Task InitializeAsync() => _h = await DeadlineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<Guid> StartTaskAsync(object[] escalation, params (string Name, string Value)[] variables)
    {
        var flow = new FlowBuilder("leak");
        foreach (var (name, value) in variables)
        {
            flow.Variable(name, value);
        }
        await _h.Flow.PublishAsync(flow
            .Start()
            .Activity("fix", "HumanTask", new { title = "Fix the leak", assignee = new { user = "squad" }, due = "PT4H", escalation })
            .End()
            .Chain("start", "fix", "end"));
        return await _h.Flow.StartAsync("leak");
    }

    [Fact]
    public async Task Without_a_responsible_leader_variable_the_escalation_approval_goes_to_every_leader_and_either_may_decide()
    {
        var id = await StartTaskAsync([new { after = "PT0S", approval = new { } }]);

        await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation));

        var approval = Assert.Single(await _h.ApprovalsAsync(id));
        Assert.Equal([new RecipientSpec(null, "Leader")], approval.Approvers);
        Assert.Equal(["deputy", "leader"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
        var decided = await _h.Runner.DecideAsync(approval.Id, Deputy, Approval.Extend, null, _h.Now.AddDays(2), null);
        Assert.True(decided.IsOk, WorkflowHarness.Describe(decided));
        Assert.Equal(_h.Now.AddDays(2), (await _h.Flow.OpenTaskAsync(id, "fix")).DueAt);
    }

    [Fact]
    public async Task An_escalation_step_notifies_the_assignee_the_team_lead_and_named_people_once_each()
    {
        var id = await StartTaskAsync(
            [new { after = "PT1H", notify = new object[] { "assignee", "teamLead", new { role = "Leader" }, new { user = "leader" } } }],
            ("teamLead", "admin"));
        var step = await _h.PendingTimerAsync(id, TimerKind.Escalation);
        Assert.Equal(At(9, 18, 20), step.DueAt);

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(step));

        Assert.Equal(["admin", "deputy", "leader", "squad"], await _h.NotifiedAsync(id, NotificationKind.Escalation));
        Assert.Empty(await _h.ApprovalsAsync(id));
        Assert.Equal(1, (await _h.Flow.OpenTaskAsync(id, "fix")).EscalationLevel);
    }

    [Fact]
    public async Task An_approval_that_runs_late_escalates_to_its_approvers_and_the_named_people()
    {
        await _h.Flow.PublishAsync(new FlowBuilder("late-vote")
            .Start()
            .Activity("vote", "Approval", new
            {
                approvers = new object[] { new { user = "deputy" } },
                due = "1wd",
                escalation = new object[] { new { after = "PT0S", notify = new object[] { "assignee", new { user = "leader" } } } },
            })
            .End()
            .Chain("start", "vote").Connect("vote", "end", Approval.Approve));
        var id = await _h.Flow.StartAsync("late-vote");
        var approval = Assert.Single(await _h.ApprovalsAsync(id));
        var step = await _h.PendingTimerAsync(id, TimerKind.Escalation);
        // One working day from Friday afternoon: Sunday the 20th, an adjusted working day.
        Assert.Equal((approval.Id, At(9, 20, 18)), (step.ApprovalId, step.DueAt));

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(step));

        Assert.Equal(["deputy", "leader"], await _h.NotifiedAsync(id, NotificationKind.Escalation));
        Assert.Contains(await _h.Flow.JournalAsync(id), j => j.Kind == JournalKind.Escalated && j.ActivityId == "vote");
        Assert.Equal(ApprovalStatus.Pending, (await _h.ApprovalAsync(approval.Id)).Status);
    }

    [Fact]
    public async Task An_escalation_approval_with_its_own_due_time_reminds_the_leader_until_decided()
    {
        var id = await StartTaskAsync(
            [new { after = "PT0S", notify = new object[] { "responsibleLeader" }, approval = new { due = "1wd", reminders = new[] { "-PT2H" } } }],
            ("responsibleLeader", "leader"));
        await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation));
        var approval = Assert.Single(await _h.ApprovalsAsync(id));

        // Escalated Friday 19:00; one working day is Sunday the 20th 18:00, reminded at 16:00.
        Assert.Equal(At(9, 20, 18), approval.DueAt);
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        Assert.Equal((approval.Id, At(9, 20, 16)), (reminder.ApprovalId, reminder.DueAt));
        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(reminder));
        Assert.Equal(["leader"], await _h.NotifiedAsync(id, NotificationKind.Reminder));
    }
}
