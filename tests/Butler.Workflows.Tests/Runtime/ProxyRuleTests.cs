using System.Text.Json;
using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Xunit;

namespace Butler.Workflows.Tests.Runtime;

/// <summary>代理人 in the engine's own rules: work named for a person admits whoever stands in for them, in their seat.</summary>
public sealed class ProxyRuleTests
{
    private static readonly Actor WangFang = new("squad2", ["Squad"]) { Represents = ["leader3"] };
    private static readonly Actor LiLeader = new("leader3", ["Leader"]);

    private static Approval NamedApproval(params string[] users) => new()
    {
        Status = ApprovalStatus.Pending,
        ApproversJson = JsonSerializer.Serialize(users.Select(u => new RecipientSpec(u, null)).ToArray(), Butler.Workflows.Definitions.DefinitionJson.Options),
        OutcomesJson = """["Approve","Reject"]""",
    };

    [Fact]
    public void A_task_named_for_the_person_is_the_proxys_to_complete_on_their_behalf()
    {
        var task = new WorkItem { AssigneeUser = "leader3", Status = WorkItemStatus.Open };

        Assert.True(task.IsAssignedTo(WangFang));
        Assert.Null(task.RefusesCompletion(WangFang));
        Assert.Equal("leader3", task.RepresentedBy(WangFang));
        Assert.Null(task.RepresentedBy(LiLeader));
        Assert.Equal("leader3", WangFang.ActingFor(task.RepresentedBy(WangFang)).OnBehalfOf);
    }

    [Fact]
    public void A_role_task_does_not_reach_a_proxy_who_lacks_the_role()
    {
        var task = new WorkItem { AssigneeRole = "Leader", Status = WorkItemStatus.Open };

        Assert.False(task.IsAssignedTo(WangFang));
        Assert.Equal(TaskRule.NotAssigned, task.RefusesCompletion(WangFang));
    }

    [Fact]
    public void A_proxy_votes_in_the_persons_seat_and_the_seat_is_voted_once()
    {
        var approval = NamedApproval("leader3", "leader");

        Assert.True(approval.IsApprover(WangFang));
        Assert.Equal("leader3", approval.SeatOf(WangFang, []));
        var voted = new ApprovalVote { Approver = "leader3", Outcome = "Approve", At = DateTimeOffset.UnixEpoch };
        Assert.Null(approval.SeatOf(WangFang, [voted]));
        Assert.Null(approval.SeatOf(LiLeader, [voted]));
    }

    [Fact]
    public void Someone_who_is_an_approver_themselves_votes_in_their_own_seat_first()
    {
        var approval = NamedApproval("leader3", "squad2");

        Assert.Equal("squad2", approval.SeatOf(WangFang, []));
        Assert.Equal("leader3", approval.SeatOf(WangFang, [new ApprovalVote { Approver = "squad2", Outcome = "Approve" }]));
    }
}
