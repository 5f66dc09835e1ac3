using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>依次审批, 票签, 加签 / 减签, 去重 and empty approvers on the Approval activity.</summary>
public sealed class ApprovalSignersTests : IAsyncLifetime
{
    private DeadlineHarness _h = null!;

    public async Task InitializeAsync() => _h = await DeadlineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>start → vote (the approvers, in the given mode) → Approve: go / Reject: stop.</summary>
    private async Task<(Guid Instance, Approval Approval)> StartVoteAsync(string mode, object[]? approvers = null, Dictionary<string, object?>? more = null)
    {
        var inputs = new Dictionary<string, object?>
        {
            ["title"] = "Sign the repair budget",
            ["approvers"] = approvers ?? [new { user = "leader" }, new { user = "deputy" }, new { user = "admin" }],
            ["mode"] = mode,
        };
        foreach (var (key, value) in more ?? [])
        {
            inputs[key] = value;
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

    private async Task AddAsync(Approval approval, Actor by, string position, params string[] add)
    {
        var result = await _h.Runner.AddSignersAsync(approval.Id, by, add, position, "please look too", oversees: by.IsInRole("Leader") || by.IsInRole("Admin"));
        Assert.True(result.IsOk, WorkflowHarness.Describe(result));
    }

    private async Task<ApprovalStatus> StatusAsync(Approval approval) => (await _h.ApprovalAsync(approval.Id)).Status;

    private static readonly Actor Squad2 = new("squadmate", ["Squad"]);

    [Fact]
    public async Task Sequential_asks_one_approver_after_the_other_in_the_listed_order()
    {
        var (id, approval) = await StartVoteAsync("sequential");
        Assert.Equal(["leader"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));

        var early = await _h.Runner.DecideAsync(approval.Id, Deputy, Approval.Approve, null, null, null);
        Assert.Equal(OperationStatus.Conflict, early.Status);
        Assert.Equal("approval.notYourTurn", early.Code);

        await VoteAsync(approval, Leader, Approval.Approve);
        Assert.Equal(["deputy", "leader"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
        await VoteAsync(approval, Deputy, Approval.Approve);
        Assert.Equal(ApprovalStatus.Pending, await StatusAsync(approval));
        await VoteAsync(approval, Admin, Approval.Approve);

        Assert.Equal(ApprovalStatus.Decided, await StatusAsync(approval));
        Assert.Equal(["go"], await _h.Flow.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task Sequential_is_rejected_by_the_first_reject_without_asking_the_rest()
    {
        var (id, approval) = await StartVoteAsync("sequential");

        await VoteAsync(approval, Leader, Approval.Reject);

        Assert.Equal((ApprovalStatus.Decided, Approval.Reject), ((await _h.ApprovalAsync(approval.Id)).Status, (await _h.ApprovalAsync(approval.Id)).Outcome));
        Assert.Equal(["stop"], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Equal(["leader"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
    }

    [Fact]
    public async Task Weighted_decides_once_an_outcome_reaches_the_threshold()
    {
        var (id, approval) = await StartVoteAsync("weighted", more: new() { ["weights"] = new Dictionary<string, int> { ["leader"] = 3 }, ["threshold"] = 3 });

        await VoteAsync(approval, Deputy, Approval.Approve);
        await VoteAsync(approval, Admin, Approval.Approve);
        Assert.Equal(ApprovalStatus.Pending, await StatusAsync(approval));
        await VoteAsync(approval, Leader, Approval.Reject);

        var decided = await _h.ApprovalAsync(approval.Id);
        Assert.Equal((ApprovalStatus.Decided, Approval.Reject), (decided.Status, decided.Outcome));
        Assert.Equal(["stop"], await _h.Flow.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task Weighted_without_any_outcome_at_the_threshold_is_a_reject_once_everyone_voted()
    {
        var (id, approval) = await StartVoteAsync("weighted", more: new() { ["threshold"] = 3 });

        await VoteAsync(approval, Deputy, Approval.Approve);
        await VoteAsync(approval, Admin, Approval.Approve);
        Assert.Equal(ApprovalStatus.Pending, await StatusAsync(approval));
        await VoteAsync(approval, Leader, Approval.Reject);

        Assert.Equal(Approval.Reject, (await _h.ApprovalAsync(approval.Id)).Outcome);
    }

    [Fact]
    public async Task A_signer_added_after_an_approver_must_approve_after_them_before_the_approval_passes()
    {
        var (id, approval) = await StartVoteAsync("any", [new { user = "leader" }]);

        await AddAsync(approval, Leader, ApprovalSigner.After, "deputy");
        var early = await _h.Runner.DecideAsync(approval.Id, Deputy, Approval.Approve, null, null, null);
        Assert.Equal("approval.notYourTurn", early.Code);

        await VoteAsync(approval, Leader, Approval.Approve);
        Assert.Equal(ApprovalStatus.Pending, await StatusAsync(approval));
        Assert.Contains("deputy", await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
        await VoteAsync(approval, Deputy, Approval.Approve);

        Assert.Equal(["go"], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Contains(await _h.Flow.JournalAsync(id), e => e.Kind == JournalKind.SignersAdded && e.Actor == "leader" && e.Comment == "please look too");
    }

    [Fact]
    public async Task A_signer_added_before_an_approver_votes_first_and_their_reject_decides()
    {
        var (id, approval) = await StartVoteAsync("any", [new { user = "leader" }]);

        await AddAsync(approval, Leader, ApprovalSigner.Before, "deputy");
        var early = await _h.Runner.DecideAsync(approval.Id, Leader, Approval.Approve, null, null, null);
        Assert.Equal("approval.notYourTurn", early.Code);

        await VoteAsync(approval, Deputy, Approval.Reject);

        Assert.Equal(Approval.Reject, (await _h.ApprovalAsync(approval.Id)).Outcome);
        Assert.Equal(["stop"], await _h.Flow.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task A_leader_adds_one_more_approver_beside_the_others_and_all_then_needs_them_too()
    {
        var (id, approval) = await StartVoteAsync("all", [new { user = "leader" }, new { user = "admin" }]);

        await AddAsync(approval, Deputy, ApprovalSigner.Parallel, "squad");
        await VoteAsync(approval, Leader, Approval.Approve);
        await VoteAsync(approval, Admin, Approval.Approve);
        Assert.Equal(ApprovalStatus.Pending, await StatusAsync(approval));

        await VoteAsync(approval, Squad, Approval.Approve);
        Assert.Equal(["go"], await _h.Flow.OpenActivitiesAsync(id));
    }

    [Fact]
    public async Task Removing_the_signer_who_was_awaited_lets_the_votes_cast_decide()
    {
        var (id, approval) = await StartVoteAsync("all", [new { user = "leader" }, new { user = "admin" }]);
        await AddAsync(approval, Deputy, ApprovalSigner.Parallel, "squad");
        await VoteAsync(approval, Leader, Approval.Approve);
        await VoteAsync(approval, Admin, Approval.Approve);

        var notAdder = await _h.Runner.RemoveSignerAsync(approval.Id, Leader, "squad", administers: false);
        Assert.Equal(OperationStatus.Forbidden, notAdder.Status);
        var removed = await _h.Runner.RemoveSignerAsync(approval.Id, Deputy, "squad", administers: false);
        Assert.True(removed.IsOk, WorkflowHarness.Describe(removed));

        Assert.Equal(["go"], await _h.Flow.OpenActivitiesAsync(id));
        Assert.Contains(await _h.Flow.JournalAsync(id), e => e.Kind == JournalKind.SignerRemoved && e.Actor == "deputy");
    }

    [Fact]
    public async Task A_signer_who_voted_cannot_be_taken_off()
    {
        var (_, approval) = await StartVoteAsync("all", [new { user = "leader" }, new { user = "admin" }]);
        await AddAsync(approval, Deputy, ApprovalSigner.Parallel, "squad");
        await VoteAsync(approval, Squad, Approval.Approve);

        var result = await _h.Runner.RemoveSignerAsync(approval.Id, Admin, "squad", administers: true);

        Assert.Equal((OperationStatus.Conflict, "approval.signerVoted"), (result.Status, result.Code));
    }

    [Fact]
    public async Task Adding_signers_is_refused_to_others_and_for_people_already_deciding()
    {
        var (_, approval) = await StartVoteAsync("any", [new { user = "leader" }, new { user = "deputy" }]);

        var squad = await _h.Runner.AddSignersAsync(approval.Id, Squad, ["admin"], ApprovalSigner.After, null, oversees: false);
        Assert.Equal((OperationStatus.Forbidden, "approval.mayNotAddSigners"), (squad.Status, squad.Code));

        var twice = await _h.Runner.AddSignersAsync(approval.Id, Leader, ["deputy", "nobody-here", "leader"], "sideways", null, oversees: false);
        Assert.Equal(OperationStatus.Invalid, twice.Status);
        Assert.Equal(["add[0]", "add[1]", "add[2]", "position"], twice.Errors!.Keys.Order());
        Assert.Empty((await _h.ApprovalAsync(approval.Id)).Signers);
    }

    [Fact]
    public async Task Skip_if_approved_before_records_the_repeated_approver_as_approving_and_says_why()
    {
        await _h.Flow.PublishAsync(new FlowBuilder("twice")
            .Start()
            .Activity("first", "Approval", new Dictionary<string, object?> { ["approvers"] = new object[] { new { user = "leader" } } })
            .Activity("second", "Approval", new Dictionary<string, object?>
            {
                ["approvers"] = new object[] { new { user = "leader" }, new { user = "deputy" } },
                ["mode"] = "all",
                ["skipIfApprovedBefore"] = true,
            })
            .Task("go", "Order the tiles", FlowBuilder.User("squad"))
            .Connect("start", "first").Connect("first", "second", Approval.Approve).Connect("second", "go", Approval.Approve));
        var id = await _h.Flow.StartAsync("twice");
        var first = Assert.Single(await _h.ApprovalsAsync(id));

        await VoteAsync(first, Leader, Approval.Approve);

        var second = (await _h.ApprovalsAsync(id)).Single(a => a.ActivityId == "second");
        var votes = await _h.VotesAsync(second.Id);
        Assert.Equal(("leader", Approval.Approve), (Assert.Single(votes).Approver, votes[0].Outcome));
        Assert.Contains(await _h.Flow.JournalAsync(id), e => e.Kind == JournalKind.ApprovedBefore && e.Actor == "leader" && e.ActivityId == "second");
        Assert.Equal(["deputy", "leader"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
        await VoteAsync(second, Deputy, Approval.Approve);
        Assert.Equal(["go"], await _h.Flow.OpenActivitiesAsync(id));
    }

    [Theory]
    [InlineData("skip", "go")]
    [InlineData("admin", null)]
    [InlineData("fault", null)]
    public async Task When_no_approver_resolves_the_step_passes_goes_to_the_administrators_or_faults(string whenNoApprover, string? next)
    {
        await _h.Flow.PublishAsync(new FlowBuilder("empty")
            .Start()
            .Activity("vote", "Approval", new Dictionary<string, object?>
            {
                ["approvers"] = new { expression = "[]" },
                ["whenNoApprover"] = whenNoApprover,
            })
            .Task("go", "Order the tiles", FlowBuilder.User("squad"))
            .Connect("start", "vote").Connect("vote", "go", Approval.Approve));
        var id = await _h.Flow.StartAsync("empty");

        var approvals = await _h.ApprovalsAsync(id);
        switch (whenNoApprover)
        {
            case "skip":
                Assert.Empty(approvals);
                Assert.Equal([next!], await _h.Flow.OpenActivitiesAsync(id));
                Assert.Contains(await _h.Flow.JournalAsync(id), e => e.Kind == JournalKind.NoApprover && e.Outcome == Approval.Approve);
                break;
            case "admin":
                Assert.Equal("Admin", Assert.Single(Assert.Single(approvals).Approvers).Role);
                Assert.Equal(["admin"], await _h.NotifiedAsync(id, NotificationKind.ApprovalRequested));
                break;
            default:
                Assert.Empty(approvals);
                Assert.Equal(WorkflowStatus.Faulted, (await _h.Flow.InstanceAsync(id)).Status);
                break;
        }
    }
}
