using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;
using OnSiteOffice = Butler.Workflows.Onboarding.OnSiteOffice;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>
/// A task's due time, reminders and escalation ladder, and the leader's decisions on an escalation, as the runner does
/// them: every provider the engine runs on must pass all of it.
/// </summary>
public abstract class TaskDeadlineContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Due = At(9, 22, 18);
    private static readonly DateTimeOffset FirstReminder = At(9, 21, 18);

    private DeadlineHarness _h = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _h = await DeadlineHarness.CreateAsync(Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<(Guid Instance, WorkItem Task)> StartRoofRepairAsync(string[]? reminders = null)
    {
        await _h.Flow.PublishAsync(DeadlineFlows.RoofRepair(reminders: reminders));
        var id = await _h.Flow.StartAsync("roof");
        return (id, await _h.Flow.OpenTaskAsync(id, "fix"));
    }

    /// <summary>Lets the task run overdue and fires the first escalation step, which opens the leader's approval.</summary>
    private async Task<(Guid Instance, WorkItem Task, Approval Approval)> EscalateAsync()
    {
        var (id, task) = await StartRoofRepairAsync();
        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation)));
        return (id, await _h.TaskAsync(task.Id), Assert.Single(await _h.ApprovalsAsync(id)));
    }

    [Fact]
    public async Task A_task_due_in_three_working_days_from_Friday_afternoon_is_due_Tuesday_at_the_end_of_the_working_day()
    {
        var (_, task) = await StartRoofRepairAsync();

        // Sunday the 20th is an adjusted working day in the cn calendar: Sunday, Monday, Tuesday.
        Assert.Equal(Due, task.DueAt);
        Assert.Equal(FirstReminder, task.WarnAt);
        Assert.Equal(0, task.EscalationLevel);
    }

    [Fact]
    public async Task A_task_with_a_deadline_arms_a_timer_for_each_reminder_and_each_escalation_step()
    {
        var (id, task) = await StartRoofRepairAsync();

        var timers = await _h.TimersAsync(id);
        Assert.Equal(
            [
                (TimerKind.Reminder, 0, FirstReminder),
                (TimerKind.Reminder, 1, At(9, 22, 16)),
                (TimerKind.Escalation, 0, Due),
                // Two working days after Tuesday 18:00.
                (TimerKind.Escalation, 1, At(9, 24, 18)),
            ],
            timers.Select(t => (t.Kind, t.Step, t.DueAt)));
        Assert.All(timers, t =>
        {
            Assert.Equal(TimerStatus.Pending, t.Status);
            Assert.Equal((task.Id, "fix"), (t.WorkItemId, t.ActivityId));
            Assert.Null(t.FiredAt);
        });
    }

    [Fact]
    public async Task A_reminder_that_would_fall_before_the_task_was_opened_gets_no_timer_but_still_starts_the_warning()
    {
        // Four working days before Tuesday 18:00 is Thursday the 17th, before the task exists.
        var (id, task) = await StartRoofRepairAsync(["-1wd", "-4wd"]);

        Assert.Equal(At(9, 17, 18), task.WarnAt);
        var reminder = Assert.Single(await _h.TimersAsync(id), t => t.Kind == TimerKind.Reminder);
        Assert.Equal((0, FirstReminder), (reminder.Step, reminder.DueAt));
        Assert.Equal("yellow", task.LightAt(_h.Now));
    }

    [Fact]
    public async Task The_task_light_is_green_until_the_first_reminder_then_yellow_then_red_from_the_due_time()
    {
        var (_, task) = await StartRoofRepairAsync();

        Assert.Equal("green", task.LightAt(_h.Now));
        Assert.Equal("green", task.LightAt(FirstReminder.AddTicks(-1)));
        Assert.Equal("yellow", task.LightAt(FirstReminder));
        Assert.Equal("yellow", task.LightAt(Due.AddTicks(-1)));
        Assert.Equal("red", task.LightAt(Due));
        Assert.Equal("red", task.LightAt(Due.AddDays(30)));
    }

    [Fact]
    public async Task Firing_a_reminder_notifies_every_member_of_the_assigned_role_and_mails_those_with_an_address()
    {
        var (id, task) = await StartRoofRepairAsync();
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(reminder));

        var notifications = await _h.NotificationsAsync(id);
        Assert.Equal(TestUserDirectory.SquadMembers, notifications.Select(n => n.UserName));
        Assert.All(notifications, n =>
        {
            Assert.Equal(nameof(NotificationKind.Reminder), n.Kind);
            Assert.Equal(task.Id, n.TaskId);
            Assert.Equal(FirstReminder, n.CreatedAt);
        });
        // squadmate has no e-mail address: the bell only.
        var mail = Assert.Single(await _h.OutboxAsync());
        Assert.Equal(("squad@example.test", OutboxStatus.Pending), (mail.Recipient, mail.Status));
        Assert.Contains("Fix the leaking roof", mail.Subject + mail.TextBody, StringComparison.Ordinal);
        var sent = Assert.Single(await _h.Flow.JournalAsync(id), j => j.Kind == JournalKind.ReminderSent);
        Assert.Equal(("fix", "system"), (sent.ActivityId, sent.Actor));
        var fired = Assert.Single(await _h.TimersAsync(id), t => t.Id == reminder.Id);
        Assert.Equal((TimerStatus.Fired, FirstReminder), (fired.Status, fired.FiredAt));
        Assert.Equal(3, (await _h.PendingTimersAsync(id)).Count);
    }

    [Fact]
    public async Task Firing_a_reminder_a_second_time_does_nothing_more()
    {
        var (id, _) = await StartRoofRepairAsync();
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        await _h.FireWhenDueAsync(reminder);
        var revision = (await _h.Flow.InstanceAsync(id)).Revision;

        _h.MoveTo(_h.Now.AddMinutes(5));
        Assert.Equal(TimerFireResult.AlreadyHandled, await _h.FireAsync(reminder));

        Assert.Equal(2, (await _h.NotificationsAsync(id)).Count);
        Assert.Single(await _h.OutboxAsync());
        Assert.Single(await _h.Flow.JournalAsync(id), j => j.Kind == JournalKind.ReminderSent);
        Assert.Equal(revision, (await _h.Flow.InstanceAsync(id)).Revision);
    }

    [Fact]
    public async Task A_reminder_fired_before_its_time_is_not_yet_due_and_changes_nothing()
    {
        var (id, _) = await StartRoofRepairAsync();
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        var journal = (await _h.Flow.JournalAsync(id)).Count;
        _h.MoveTo(FirstReminder.AddSeconds(-1));

        Assert.Equal(TimerFireResult.NotYetDue, await _h.FireAsync(reminder));

        Assert.Equal(TimerStatus.Pending, (await _h.PendingTimerAsync(id, TimerKind.Reminder)).Status);
        Assert.Empty(await _h.NotificationsAsync(id));
        Assert.Empty(await _h.OutboxAsync());
        Assert.Equal(journal, (await _h.Flow.JournalAsync(id)).Count);
    }

    [Fact]
    public async Task Two_hosts_firing_one_reminder_at_once_send_it_once()
    {
        var (id, _) = await StartRoofRepairAsync();
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        _h.MoveTo(reminder.DueAt);
        var gate = new RaceGate(racers: 2);
        await using var hostA = _h.CreateGatedHost(gate);
        await using var hostB = _h.CreateGatedHost(gate);
        gate.Arm();

        var results = await Task.WhenAll(
            Task.Run(() => hostA.GetRequiredService<WorkflowRunner>().FireTimerAsync(reminder.Id)),
            Task.Run(() => hostB.GetRequiredService<WorkflowRunner>().FireTimerAsync(reminder.Id)));

        Assert.All(results, r => Assert.True(r.IsOk, WorkflowHarness.Describe(r)));
        Assert.Equal([TimerFireResult.Fired, TimerFireResult.AlreadyHandled], results.Select(r => r.Value).Order());
        Assert.NotEmpty(gate.Failures);
        Assert.Equal(TestUserDirectory.SquadMembers, await _h.NotifiedAsync(id, NotificationKind.Reminder));
        Assert.Single(await _h.OutboxAsync());
        Assert.Single(await _h.Flow.JournalAsync(id), j => j.Kind == JournalKind.ReminderSent);
    }

    [Fact]
    public async Task Completing_the_task_before_it_is_due_cancels_its_pending_timers_and_firing_them_afterwards_sends_nothing()
    {
        var (id, task) = await StartRoofRepairAsync();
        var timers = await _h.TimersAsync(id);
        _h.MoveTo(At(9, 21, 10));

        Assert.True((await _h.Flow.CompleteAsync(task, actor: Squad)).IsOk);

        // The flow goes on to the report: the instance still runs, only the fix task's timers stop.
        Assert.Equal(WorkflowStatus.Running, (await _h.Flow.InstanceAsync(id)).Status);
        Assert.All(await _h.TimersAsync(id), t => Assert.Equal(TimerStatus.Cancelled, t.Status));
        _h.MoveTo(At(9, 30, 9));
        foreach (var timer in timers)
        {
            Assert.Equal(TimerFireResult.AlreadyHandled, await _h.FireAsync(timer));
        }
        Assert.Empty(await _h.NotificationsAsync(id));
        Assert.Empty(await _h.OutboxAsync());
        Assert.Empty(await _h.ApprovalsAsync(id));
        Assert.Equal("green", (await _h.TaskAsync(task.Id)).LightAt(_h.Now));
    }

    [Fact]
    public async Task An_overdue_task_escalates_to_the_responsible_leader_with_an_approval_to_extend_reassign_or_hold_an_on_site_office()
    {
        var (id, task, approval) = await EscalateAsync();

        Assert.Equal(1, task.EscalationLevel);
        Assert.Equal("red", task.LightAt(_h.Now));
        Assert.Equal((task.Id, 0, "fix", "any", ApprovalStatus.Pending), (approval.EscalatedTaskId, approval.EscalationStep, approval.ActivityId, approval.Mode, approval.Status));
        Assert.Equal([Approval.Approve, Approval.Extend, Approval.Reassign, OnSiteOffice.Outcome], approval.Outcomes);
        Assert.Equal([new RecipientSpec("leader", null)], approval.Approvers);
        Assert.Equal(["leader"], await _h.NotifiedAsync(id, NotificationKind.Escalation));
        Assert.Equal(["leader"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
        Assert.Equal(approval.Id, Assert.Single(await _h.NotificationsAsync(id), n => n.Kind == nameof(NotificationKind.ApprovalRequested)).ApprovalId);
        Assert.Equal(["leader@example.test", "leader@example.test"], (await _h.OutboxAsync()).Select(m => m.Recipient));
        var journal = await _h.Flow.JournalAsync(id);
        Assert.Contains(journal, j => j.Kind == JournalKind.Escalated && j.ActivityId == "fix");
        Assert.Contains(journal, j => j.Kind == JournalKind.ApprovalOpened && j.ActivityId == "fix");
        // The task is still the squad's and the flow still waits for it.
        Assert.Equal(WorkItemStatus.Open, task.Status);
        Assert.Equal(WorkflowStatus.Running, (await _h.Flow.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task Only_an_approver_may_decide_an_escalation()
    {
        var (_, _, approval) = await EscalateAsync();
        var later = At(9, 29, 18);

        Assert.Equal(OperationStatus.Forbidden, (await _h.Runner.DecideAsync(approval.Id, Squad, Approval.Extend, null, later, null)).Status);
        // A leader by role who is not the responsible leader is not an approver of this one.
        Assert.Equal(OperationStatus.Forbidden, (await _h.Runner.DecideAsync(approval.Id, Deputy, Approval.Extend, null, later, null)).Status);
        Assert.Empty(await _h.VotesAsync(approval.Id));
        Assert.Equal(ApprovalStatus.Pending, (await _h.ApprovalAsync(approval.Id)).Status);
    }

    [Fact]
    public async Task Extend_without_a_new_due_time_or_with_one_in_the_past_is_invalid()
    {
        var (_, task, approval) = await EscalateAsync();

        var missing = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Extend, null, null, null);
        var past = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Extend, null, _h.Now.AddHours(-1), null);
        var now = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Extend, null, _h.Now, null);

        foreach (var result in new[] { missing, past, now })
        {
            Assert.Equal(OperationStatus.Invalid, result.Status);
            Assert.Equal(["newDue"], result.Errors!.Keys);
        }
        Assert.Empty(await _h.VotesAsync(approval.Id));
        Assert.Equal(ApprovalStatus.Pending, (await _h.ApprovalAsync(approval.Id)).Status);
        Assert.Equal(Due, (await _h.TaskAsync(task.Id)).DueAt);
    }

    [Fact]
    public async Task Extending_moves_the_due_time_and_rearms_reminders_and_escalation_from_the_new_due_time()
    {
        var (id, task, approval) = await EscalateAsync();
        var before = await _h.TimersAsync(id);
        var newDue = At(9, 29, 18);

        var decided = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Extend, "One more week, the tiles are late.", newDue, null);

        Assert.True(decided.IsOk, WorkflowHarness.Describe(decided));
        var extended = await _h.TaskAsync(task.Id);
        Assert.Equal((newDue, At(9, 28, 18), 0), (extended.DueAt, extended.WarnAt, extended.EscalationLevel));
        Assert.Equal("green", extended.LightAt(_h.Now));
        var decidedApproval = await _h.ApprovalAsync(approval.Id);
        Assert.Equal((ApprovalStatus.Decided, Approval.Extend), (decidedApproval.Status, decidedApproval.Outcome));
        var vote = Assert.Single(await _h.VotesAsync(approval.Id));
        Assert.Equal(("leader", newDue), (vote.Approver, vote.NewDue));
        Assert.Null(vote.ReassignTo);

        var after = await _h.TimersAsync(id);
        // The step that fired stays fired; every other timer of the old due time is cancelled.
        Assert.All(before.Where(t => t.Status == TimerStatus.Pending),
            old => Assert.Equal(TimerStatus.Cancelled, Assert.Single(after, t => t.Id == old.Id).Status));
        var firedStep = Assert.Single(after, t => t.Status == TimerStatus.Fired);
        Assert.Equal((TimerKind.Escalation, 0), (firedStep.Kind, firedStep.Step));
        Assert.Equal(
            [
                (TimerKind.Reminder, 0, At(9, 28, 18)),
                (TimerKind.Reminder, 1, At(9, 29, 16)),
                (TimerKind.Escalation, 0, newDue),
                // Wednesday the 30th, then the National Day holiday until the 7th: Thursday 8 October.
                (TimerKind.Escalation, 1, At(10, 8, 18)),
            ],
            after.Where(t => t.Status == TimerStatus.Pending).Select(t => (t.Kind, t.Step, t.DueAt)));
        Assert.Contains(await _h.Flow.JournalAsync(id), j => j.Kind == JournalKind.TaskExtended);
        Assert.Equal(TestUserDirectory.SquadMembers, await _h.NotifiedAsync(id, NotificationKind.ApprovalDecided));
        // The decision names the leader as people know them, not by the user name they sign in with.
        var told = Assert.Single(await _h.NotificationsAsync(id), n => n.Kind == nameof(NotificationKind.ApprovalDecided) && n.UserName == "squad");
        Assert.Contains("决定人：Leader Li", told.Body, StringComparison.Ordinal);

        // The re-armed reminder goes out before the new due time.
        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Reminder)));
        Assert.Equal(TestUserDirectory.SquadMembers, await _h.NotifiedAsync(id, NotificationKind.Reminder));
        Assert.Equal("yellow", (await _h.TaskAsync(task.Id)).LightAt(_h.Now));
    }

    [Fact]
    public async Task A_decided_escalation_cannot_be_decided_again()
    {
        var (_, _, approval) = await EscalateAsync();
        Assert.True((await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Extend, null, At(9, 29, 18), null)).IsOk);

        var again = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Reassign, null, null, "squadmate");

        Assert.Equal(OperationStatus.Conflict, again.Status);
        Assert.Single(await _h.VotesAsync(approval.Id));
        Assert.Equal(Approval.Extend, (await _h.ApprovalAsync(approval.Id)).Outcome);
    }

    [Fact]
    public async Task Reassigning_without_a_user_or_to_an_unknown_user_is_invalid()
    {
        var (_, task, approval) = await EscalateAsync();

        var unknown = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Reassign, null, null, "nobody");
        var missing = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Reassign, null, null, " ");

        foreach (var result in new[] { unknown, missing })
        {
            Assert.Equal(OperationStatus.Invalid, result.Status);
            Assert.Equal(["reassignTo"], result.Errors!.Keys);
        }
        Assert.Empty(await _h.VotesAsync(approval.Id));
        var unchanged = await _h.TaskAsync(task.Id);
        Assert.Null(unchanged.AssigneeUser);
        Assert.Equal("Squad", unchanged.AssigneeRole);
    }

    [Fact]
    public async Task Reassigning_moves_the_task_to_the_named_user_who_then_gets_its_escalations_and_completes_it()
    {
        var (id, task, approval) = await EscalateAsync();

        var decided = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Reassign, "Mate knows the roof.", null, "squadmate");

        Assert.True(decided.IsOk, WorkflowHarness.Describe(decided));
        var moved = await _h.TaskAsync(task.Id);
        Assert.Equal(("squadmate", WorkItemStatus.Open), (moved.AssigneeUser, moved.Status));
        Assert.Null(moved.AssigneeRole);
        Assert.Contains(await _h.Flow.JournalAsync(id), j => j.Kind == JournalKind.TaskReassigned && j.Detail == "to squadmate");
        // Both the old assignees and the new one hear of the decision.
        Assert.Equal(TestUserDirectory.SquadMembers, await _h.NotifiedAsync(id, NotificationKind.ApprovalDecided));

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Escalation, step: 1)));
        // Step 1 told the leader; step 2 tells the new assignee and admin.
        Assert.Equal(["admin", "leader", "squadmate"], await _h.NotifiedAsync(id, NotificationKind.Escalation));

        Assert.Equal(OperationStatus.Forbidden, (await _h.Flow.CompleteAsync(moved, actor: Squad)).Status);
        Assert.True((await _h.Flow.CompleteAsync(moved, actor: new Actor("squadmate", []))).IsOk);
        Assert.Equal(["report"], await _h.Flow.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task An_on_site_office_can_still_be_closed_after_the_flow_has_completed()
    {
        var (id, task, approval) = await EscalateAsync();
        Assert.True((await _h.Runner.DecideAsync(approval.Id, Leader, OnSiteOffice.Outcome, null, null, null)).IsOk);
        var office = Assert.Single(await _h.Flow.TasksAsync(id), t => t.Kind == OnSiteOffice.Kind);

        Assert.True((await _h.Flow.CompleteAsync(task, actor: Squad)).IsOk);
        Assert.True((await _h.Flow.CompleteAsync(await _h.Flow.OpenTaskAsync(id, "report"), actor: Squad)).IsOk);
        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(id)).Status);

        var closed = await _h.Runner.CompleteTaskAsync(office.Id, Leader, "Done", "Held on site after the repair.", null);
        Assert.True(closed.IsOk, WorkflowHarness.Describe(closed));
        Assert.Equal(WorkItemStatus.Done, (await _h.TaskAsync(office.Id)).Status);
        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task An_on_site_office_decision_opens_a_work_item_for_the_deciding_leader_that_completes_without_moving_the_flow()
    {
        var (id, task, approval) = await EscalateAsync();
        var bookmarks = await _h.Flow.BookmarksAsync(id);

        var decided = await _h.Runner.DecideAsync(approval.Id, Leader, OnSiteOffice.Outcome, "I will come on Thursday.", null, null);

        Assert.True(decided.IsOk, WorkflowHarness.Describe(decided));
        var office = Assert.Single(await _h.Flow.TasksAsync(id), t => t.Kind == OnSiteOffice.Kind);
        Assert.Equal(("leader", WorkItemStatus.Open, "fix"), (office.AssigneeUser, office.Status, office.ActivityId));
        Assert.Null(office.AssigneeRole);
        Assert.Contains("Fix the leaking roof", office.Title.En, StringComparison.Ordinal);
        Assert.Equal("领导现场办公：Fix the leaking roof", office.Title.ZhCn);
        Assert.Equal(WorkItemStatus.Open, (await _h.TaskAsync(task.Id)).Status);

        Assert.Equal(OperationStatus.Forbidden, (await _h.Runner.CompleteTaskAsync(office.Id, Squad, "Done", null, null)).Status);
        var completed = await _h.Runner.CompleteTaskAsync(office.Id, Leader, "Done", "Held on site.", null);

        Assert.True(completed.IsOk, WorkflowHarness.Describe(completed));
        var done = await _h.TaskAsync(office.Id);
        Assert.Equal((WorkItemStatus.Done, "leader"), (done.Status, done.CompletedBy));
        Assert.Equal(WorkItemStatus.Open, (await _h.TaskAsync(task.Id)).Status);
        Assert.Equal(WorkflowStatus.Running, (await _h.Flow.InstanceAsync(id)).Status);
        Assert.Equal(bookmarks.Select(b => b.Id), (await _h.Flow.BookmarksAsync(id)).Select(b => b.Id));
        Assert.DoesNotContain(await _h.Flow.PathAsync(id), step => step.StartsWith("fix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completing_an_escalated_task_cancels_its_pending_escalation_approval()
    {
        var (id, task, approval) = await EscalateAsync();

        Assert.True((await _h.Flow.CompleteAsync(task, actor: Squad)).IsOk);

        Assert.Equal(ApprovalStatus.Cancelled, (await _h.ApprovalAsync(approval.Id)).Status);
        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Extend, null, At(9, 29, 18), null)).Status);
        Assert.Empty(await _h.PendingTimersAsync(id));
    }
}

public sealed class SqliteTaskDeadlineTests : TaskDeadlineContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
public sealed class PostgresTaskDeadlineTests : TaskDeadlineContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
