using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Runtime;

/// <summary>A task of a role is claimed by one member, who alone completes it until they (or an administrator) release it.</summary>
public sealed class TaskClaimTests : IAsyncLifetime
{
    private static readonly Actor Zhang = new("zhang", ["Squad"]);
    private static readonly Actor Li = new("li", ["Squad"]);
    private static readonly Actor Outsider = new("wang", ["Leader"]);

    private WorkflowHarness _h = null!;

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<WorkItem> OpenRoleTaskAsync()
    {
        await _h.PublishAsync(new FlowBuilder("claimable").Start().Task("brief", "Policy briefing", Role("Squad")).End().Chain("start", "brief", "end"));
        var id = await _h.StartAsync("claimable");
        return await _h.OpenTaskAsync(id, "brief");
    }

    [Fact]
    public void The_domain_rules_name_why_a_claim_or_release_is_refused()
    {
        var at = WorkflowHarness.Epoch;
        var personal = new WorkItem { AssigneeUser = "zhang", Status = WorkItemStatus.Open };
        Assert.Equal(TaskRule.NotARoleTask, personal.Claim(Zhang, at));

        var task = new WorkItem { AssigneeRole = "Squad", Status = WorkItemStatus.Open };
        Assert.Equal(TaskRule.NotARoleMember, task.Claim(Outsider, at));
        Assert.Equal(TaskRule.NotClaimed, task.Release(Zhang, overrides: false));
        Assert.Null(task.Claim(Zhang, at));
        Assert.Equal(("zhang", (DateTimeOffset?)at), (task.ClaimedBy, task.ClaimedAt));
        Assert.Equal(TaskRule.AlreadyClaimed, task.Claim(Li, at));
        Assert.Equal(TaskRule.ClaimedByAnother, task.RefusesCompletion(Li));
        Assert.Null(task.RefusesCompletion(Zhang));
        Assert.Equal(TaskRule.NotAssigned, task.RefusesCompletion(Outsider));
        Assert.Equal(TaskRule.NotTheClaimer, task.Release(Li, overrides: false));
        Assert.Null(task.Release(Li, overrides: true));
        Assert.Null(task.ClaimedBy);

        var done = new WorkItem { AssigneeRole = "Squad", Status = WorkItemStatus.Done };
        Assert.Equal(TaskRule.NotOpen, done.Claim(Zhang, at));
    }

    [Fact]
    public async Task A_claimed_task_is_completed_only_by_its_claimer_and_the_journal_records_claim_and_release()
    {
        var task = await OpenRoleTaskAsync();

        Assert.True((await _h.Runner.ClaimTaskAsync(task.Id, Zhang)).IsOk);
        var refused = await _h.Runner.CompleteTaskAsync(task.Id, Li, "Done", null, null);
        Assert.Equal(OperationStatus.Forbidden, refused.Status);
        Assert.Contains("zhang", refused.Message, StringComparison.Ordinal);

        Assert.Equal(OperationStatus.Forbidden, (await _h.Runner.ReleaseTaskAsync(task.Id, Li, administrator: false)).Status);
        Assert.True((await _h.Runner.ReleaseTaskAsync(task.Id, Zhang, administrator: false)).IsOk);
        Assert.True((await _h.Runner.ClaimTaskAsync(task.Id, Li)).IsOk);
        Assert.True((await _h.Runner.CompleteTaskAsync(task.Id, Li, "Done", null, null)).IsOk);

        var journal = await _h.JournalAsync(task.InstanceId);
        Assert.Equal(
            [(JournalKind.TaskClaimed, "zhang"), (JournalKind.TaskReleased, "zhang"), (JournalKind.TaskClaimed, "li"), (JournalKind.TaskCompleted, "li")],
            journal.Where(j => j.Kind is JournalKind.TaskClaimed or JournalKind.TaskReleased or JournalKind.TaskCompleted).Select(j => (j.Kind, j.Actor!)));
        Assert.All(journal.Where(j => j.Kind == JournalKind.TaskClaimed), j => Assert.Equal("brief", j.ActivityId));
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Sequence));
    }

    [Fact]
    public async Task Claiming_a_task_twice_or_releasing_an_unclaimed_one_is_a_conflict()
    {
        var task = await OpenRoleTaskAsync();

        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.ReleaseTaskAsync(task.Id, Zhang, administrator: true)).Status);
        Assert.True((await _h.Runner.ClaimTaskAsync(task.Id, Zhang)).IsOk);
        Assert.Equal(OperationStatus.Conflict, (await _h.Runner.ClaimTaskAsync(task.Id, Zhang)).Status);
        Assert.Equal(OperationStatus.Forbidden, (await _h.Runner.ClaimTaskAsync(task.Id, Outsider)).Status);
        Assert.Equal(OperationStatus.NotFound, (await _h.Runner.ClaimTaskAsync(Guid.NewGuid(), Zhang)).Status);
    }

    [Fact]
    public async Task Two_members_claiming_at_once_one_wins_and_the_other_gets_a_conflict_naming_the_winner()
    {
        var task = await OpenRoleTaskAsync();
        var gate = new RaceGate(racers: 2);
        await using var hostA = GatedHost(gate);
        await using var hostB = GatedHost(gate);
        gate.Arm();

        var results = await Task.WhenAll(
            Task.Run(() => hostA.GetRequiredService<WorkflowRunner>().ClaimTaskAsync(task.Id, Zhang)),
            Task.Run(() => hostB.GetRequiredService<WorkflowRunner>().ClaimTaskAsync(task.Id, Li)));

        Assert.Single(results, r => r.IsOk);
        var loser = Assert.Single(results, r => !r.IsOk);
        Assert.Equal(OperationStatus.Conflict, loser.Status);
        await using var db = _h.Database.CreateDbContext();
        var claimed = await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == task.Id);
        Assert.Equal(results[0].IsOk ? "zhang" : "li", claimed.ClaimedBy);
        Assert.Contains(claimed.ClaimedBy!, loser.Message, StringComparison.Ordinal);
        Assert.Single(await db.Journal.AsNoTracking().Where(j => j.InstanceId == task.InstanceId && j.Kind == JournalKind.TaskClaimed).ToListAsync());
    }

    private ServiceProvider GatedHost(RaceGate gate) => _h.Database.CreateAnotherHost(_h.Time, services =>
        services.Replace(ServiceDescriptor.Singleton(RaceGate.Factory(DatabaseProvider.Sqlite, _h.Database.ConnectionString, gate))));
}
