using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>The Approval activity's countersign (会签) modes: the flow continues on the outcome the votes decide.</summary>
public sealed class CountersignTests : IAsyncLifetime
{
    private DeadlineHarness _h = null!;

    public async Task InitializeAsync() => _h = await DeadlineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>start → vote (leader, deputy, admin) → Approve: go / Reject: stop.</summary>
    private async Task<(Guid Instance, Approval Approval)> StartVoteAsync(string mode, string? due = null, string[]? reminders = null)
    {
        var inputs = new Dictionary<string, object?>
        {
            ["title"] = "Sign the repair budget",
            ["approvers"] = new object[] { new { user = "leader" }, new { user = "deputy" }, new { user = "admin" } },
            ["mode"] = mode,
        };
        if (due is not null)
        {
            inputs["due"] = due;
            inputs["reminders"] = reminders;
        }
        await _h.Flow.PublishAsync(new FlowBuilder("budget")
            .Start()
            .Activity("vote", "Approval", inputs)
            .Task("go", "Order the tiles", FlowBuilder.User("squad"))
            .Task("stop", "Tell the tenants", FlowBuilder.User("squad"))
            .Connect("start", "vote").Connect("vote", "go", Approval.Approve).Connect("vote", "stop", Approval.Reject));
        var id = await _h.Flow.StartAsync("budget");
        return (id, Assert.Single(await _h.ApprovalsAsync(id)));
    }

    private async Task VoteAsync(Approval approval, Actor approver, string outcome)
    {
        var result = await _h.Runner.DecideAsync(approval.Id, approver, outcome, null, null, null);
        Assert.True(result.IsOk, WorkflowHarness.Describe(result));
    }

    private async Task AssertUndecidedAsync(Guid id, Approval approval)
    {
        Assert.Equal(ApprovalStatus.Pending, (await _h.ApprovalAsync(approval.Id)).Status);
        Assert.Empty(await _h.Flow.OpenActivitiesAsync(id));
        Assert.Contains(await _h.Flow.BookmarksAsync(id), b => b.ApprovalId == approval.Id);
    }

    private async Task AssertDecidedAsync(Guid id, Approval approval, string outcome, string next)
    {
        var decided = await _h.ApprovalAsync(approval.Id);
        Assert.Equal((ApprovalStatus.Decided, outcome), (decided.Status, decided.Outcome));
        Assert.Equal([next], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Contains($"vote:{outcome}", await _h.Flow.PathAsync(id));
        Assert.DoesNotContain(await _h.Flow.BookmarksAsync(id), b => b.ApprovalId == approval.Id);
    }

    [Fact]
    public async Task An_approval_asks_each_approver_and_waits_for_the_votes()
    {
        var (id, approval) = await StartVoteAsync("any");

        Assert.Equal(("vote", "Sign the repair budget", "any", ApprovalStatus.Pending), (approval.ActivityId, approval.Title, approval.Mode, approval.Status));
        Assert.Null(approval.EscalatedTaskId);
        Assert.Equal([Approval.Approve, Approval.Reject], approval.Outcomes);
        Assert.Equal(["admin", "deputy", "leader"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
        await AssertUndecidedAsync(id, approval);
    }

    [Fact]
    public async Task Countersign_any_lets_the_first_vote_decide()
    {
        var (id, approval) = await StartVoteAsync("any");

        await VoteAsync(approval, Deputy, Approval.Reject);

        await AssertDecidedAsync(id, approval, Approval.Reject, "stop");
        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Approve, null, null, null)).Status);
        Assert.Single(await _h.VotesAsync(approval.Id));
    }

    [Fact]
    public async Task Countersign_all_lets_one_reject_veto_at_once()
    {
        var (id, approval) = await StartVoteAsync("all");

        await VoteAsync(approval, Leader, Approval.Approve);
        await AssertUndecidedAsync(id, approval);
        await VoteAsync(approval, Deputy, Approval.Reject);

        await AssertDecidedAsync(id, approval, Approval.Reject, "stop");
    }

    [Fact]
    public async Task Countersign_all_approves_only_when_every_approver_has_approved()
    {
        var (id, approval) = await StartVoteAsync("all");

        await VoteAsync(approval, Leader, Approval.Approve);
        await VoteAsync(approval, Admin, Approval.Approve);
        await AssertUndecidedAsync(id, approval);
        await VoteAsync(approval, Deputy, Approval.Approve);

        await AssertDecidedAsync(id, approval, Approval.Approve, "go");
        Assert.Equal(3, (await _h.VotesAsync(approval.Id)).Count);
    }

    [Fact]
    public async Task Countersign_majority_of_three_is_decided_by_two_matching_votes()
    {
        var (id, approval) = await StartVoteAsync("majority");

        await VoteAsync(approval, Leader, Approval.Approve);
        await AssertUndecidedAsync(id, approval);
        await VoteAsync(approval, Admin, Approval.Approve);

        await AssertDecidedAsync(id, approval, Approval.Approve, "go");
        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.DecideAsync(approval.Id, Deputy, Approval.Reject, null, null, null)).Status);
    }

    [Fact]
    public async Task Countersign_majority_waits_while_the_votes_are_split()
    {
        var (id, approval) = await StartVoteAsync("majority");

        await VoteAsync(approval, Leader, Approval.Approve);
        await VoteAsync(approval, Deputy, Approval.Reject);
        await AssertUndecidedAsync(id, approval);
        await VoteAsync(approval, Admin, Approval.Reject);

        await AssertDecidedAsync(id, approval, Approval.Reject, "stop");
    }

    [Fact]
    public async Task An_approver_votes_once_and_only_approvers_vote()
    {
        var (id, approval) = await StartVoteAsync("all");
        await VoteAsync(approval, Leader, Approval.Approve);

        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Approve, null, null, null)).Status);
        Assert.Equal(OperationStatus.Forbidden, (await _h.Runner.DecideAsync(approval.Id, Squad, Approval.Approve, null, null, null)).Status);
        var wrong = await _h.Runner.DecideAsync(approval.Id, Deputy, Approval.Extend, null, At(9, 30, 18), null);
        Assert.Equal(OperationStatus.Invalid, wrong.Status);
        Assert.Contains("outcome", wrong.Errors!.Keys);

        Assert.Single(await _h.VotesAsync(approval.Id));
        await AssertUndecidedAsync(id, approval);
    }

    [Fact]
    public async Task An_approval_with_a_due_time_reminds_its_approvers_who_have_not_decided()
    {
        var (id, approval) = await StartVoteAsync("any", due: "2wd", reminders: ["-PT4H"]);

        // Two working days from Friday: Sunday (adjusted) and Monday, at 18:00; reminded at 14:00.
        Assert.Equal(At(9, 21, 18), approval.DueAt);
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        Assert.Equal((approval.Id, At(9, 21, 14)), (reminder.ApprovalId, reminder.DueAt));

        Assert.Equal(TimerFireResult.Fired, await _h.FireWhenDueAsync(reminder));

        Assert.Equal(["admin", "deputy", "leader"], await _h.NotifiedAsync(id, NotificationKind.Reminder));
    }

    [Fact]
    public async Task Deciding_an_approval_cancels_its_reminders()
    {
        var (id, approval) = await StartVoteAsync("any", due: "2wd", reminders: ["-PT4H"]);

        await VoteAsync(approval, Leader, Approval.Approve);

        Assert.Empty(await _h.PendingTimersAsync(id));
        Assert.Equal(TimerStatus.Cancelled, Assert.Single(await _h.TimersAsync(id)).Status);
    }
}
