using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;
using OnSiteOffice = Butler.Workflows.Onboarding.OnSiteOffice;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>A cancelled instance leaves nothing behind that could still remind, escalate or be decided.</summary>
public sealed class InstanceCancellationTests : IAsyncLifetime
{
    private DeadlineHarness _h = null!;

    public async Task InitializeAsync() => _h = await DeadlineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>start → fork → the roof repair task with its ladder, and a budget approval with a due time and a reminder.</summary>
    private async Task<Guid> StartRepairAndBudgetAsync()
    {
        await _h.Flow.PublishAsync(new FlowBuilder("repair-and-budget")
            .Variable("responsibleLeader", "leader")
            .Start()
            .Activity("fork", "Fork")
            .Activity("fix", "HumanTask", new
            {
                title = "Fix the leaking roof",
                assignee = new { role = "Squad" },
                due = "3wd",
                reminders = new[] { "-1wd" },
                escalation = DeadlineFlows.Ladder(),
            })
            .Activity("budget", "Approval", new
            {
                title = "Approve the repair budget",
                approvers = new object[] { new { user = "admin" } },
                due = "5wd",
                reminders = new[] { "-1wd" },
            })
            .End()
            .Chain("start", "fork", "fix", "end")
            .Connect("fork", "budget").Connect("budget", "end", "Approve").Connect("budget", "end", "Reject"));
        return await _h.Flow.StartAsync("repair-and-budget");
    }

    [Fact]
    public async Task Cancelling_an_instance_cancels_its_pending_timers_approvals_and_tasks()
    {
        var id = await StartRepairAndBudgetAsync();
        // Tuesday 18:00: the task is overdue and its first step asks the leader.
        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation)));
        var approvals = await _h.ApprovalsAsync(id);
        Assert.Equal(2, approvals.Count);
        Assert.All(approvals, a => Assert.Equal(ApprovalStatus.Pending, a.Status));
        var timers = await _h.PendingTimersAsync(id);
        Assert.NotEmpty(timers);

        var cancelled = await _h.Runner.CancelAsync(id, Admin);

        Assert.True(cancelled.IsOk, WorkflowHarness.Describe(cancelled));
        Assert.Equal(WorkflowStatus.Cancelled, (await _h.Flow.InstanceAsync(id)).Status);
        Assert.Empty(await _h.PendingTimersAsync(id));
        Assert.All(await _h.ApprovalsAsync(id), a => Assert.Equal(ApprovalStatus.Cancelled, a.Status));
        Assert.All(await _h.Flow.TasksAsync(id), t => Assert.Equal(WorkItemStatus.Cancelled, t.Status));
        Assert.Empty(await _h.Flow.BookmarksAsync(id));

        var notified = (await _h.NotificationsAsync(id)).Count;
        _h.MoveTo(At(10, 30, 9));
        foreach (var timer in timers)
        {
            Assert.Equal(TimerFireResult.AlreadyHandled, await _h.FireAsync(timer));
        }
        Assert.Equal(notified, (await _h.NotificationsAsync(id)).Count);
        foreach (var approval in approvals)
        {
            var decider = approval.EscalatedTaskId is null ? Admin : Leader;
            Assert.Equal(OperationStatus.Conflict, (await _h.Runner.DecideAsync(approval.Id, decider, Approval.Approve, null, null, null)).Status);
        }
    }

    [Fact]
    public async Task Cancelling_an_instance_also_cancels_an_open_on_site_office()
    {
        var id = await StartRepairAndBudgetAsync();
        await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation));
        var escalation = Assert.Single(await _h.ApprovalsAsync(id), a => a.EscalatedTaskId is not null);
        Assert.True((await _h.Runner.DecideAsync(escalation.Id, Leader, OnSiteOffice.Outcome, null, null, null)).IsOk);

        Assert.True((await _h.Runner.CancelAsync(id, Admin)).IsOk);

        var office = Assert.Single(await _h.Flow.TasksAsync(id), t => t.Kind == OnSiteOffice.Kind);
        Assert.Equal(WorkItemStatus.Cancelled, office.Status);
    }
}
