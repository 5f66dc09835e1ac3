using System.Text.Json.Nodes;
using Butler.Workflows.Definitions;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Deadlines;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Butler.Workflows.Tests.Onboarding;

/// <summary>
/// The shipped butler pipeline and problem tracking, run by the engine against a real database and the cn calendar:
/// a project is created with its pipeline in one transaction, the pipeline moves the project's stage, a problem past
/// its agreed date escalates to the responsible leader.
/// </summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private DeadlineHarness _h = null!;
    private Guid _leaderId;
    private Guid _squadId;

    private static readonly Actor Squad = DeadlineHarness.Squad;

    public async Task InitializeAsync()
    {
        _h = await DeadlineHarness.CreateAsync();
        await _h.Flow.Database.Get<ShippedDefinitions>().EnsurePublishedAsync();
        await using var db = _h.Flow.Database.CreateDbContext();
        db.IndustryChains.Add(new IndustryChain { Code = "health-food", NameZh = "健康食品", NameEn = "Health food" });
        var leader = new Leader { Id = Guid.NewGuid(), UserName = "leader", Name = "李区长", Chains = ["health-food"], CreatedAt = _h.Now };
        var squad = new Team { Id = Guid.NewGuid(), Name = "健康食品服务专班", Kind = TeamKind.ServiceSquad, LeadUserName = "squad", CreatedAt = _h.Now };
        squad.Members.Add(new TeamMember { TeamId = squad.Id, UserName = "squad" });
        db.Leaders.Add(leader);
        db.Teams.Add(squad);
        await db.SaveChangesAsync();
        (_leaderId, _squadId) = (leader.Id, squad.Id);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private ProjectService Projects => _h.Flow.Database.Get<ProjectService>();

    private async Task<Project> ProjectAsync(Guid id)
    {
        await using var db = _h.Flow.Database.CreateDbContext();
        return await db.Projects.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<List<LedgerEntry>> LedgerAsync(Guid id)
    {
        await using var db = _h.Flow.Database.CreateDbContext();
        return [.. (await db.Ledger.AsNoTracking().Where(l => l.ProjectId == id).ToListAsync()).OrderBy(l => l.At).ThenBy(l => l.Id)];
    }

    private async Task<Guid> CreateProjectAsync(string company = "双汇健康食品有限公司")
    {
        var created = await Projects.CreateAsync(new ProjectInput("年产五万吨健康食品项目", company, "health-food", 150_000_000m,
            new DateOnly(2026, 9, 18), _leaderId, _squadId, "2026-12"), DeadlineHarness.Admin);
        Assert.True(created.IsOk, WorkflowHarnessDescribe(created));
        return created.Value;
    }

    private static string WorkflowHarnessDescribe<T>(OperationResult<T> result) => Support.WorkflowHarness.Describe(result);

    [Fact]
    public void Every_shipped_definition_is_valid()
    {
        var validator = _h.Flow.Database.Get<DefinitionValidator>();
        var ids = ShippedDefinitions.ResourceNames.Select(n => n[ShippedDefinitions.ResourcePrefix.Length..^".json".Length]).ToHashSet();
        Assert.Superset(new HashSet<string> { ShippedDefinitionIds.Pipeline, ShippedDefinitionIds.Problem }, ids);
        foreach (var id in ids)
        {
            var json = ShippedDefinitions.Read(id);
            Assert.Empty(validator.Validate(json, out var model).Select(p => $"{id}: {p.Path}: {p.Message}"));
            Assert.Equal(id, model!.Id);
        }
    }

    [Fact]
    public async Task Creating_a_project_starts_its_pipeline_in_the_same_transaction_and_opens_the_parallel_services_for_its_squad()
    {
        var id = await CreateProjectAsync();

        var project = await ProjectAsync(id);
        Assert.NotNull(project.PipelineInstanceId);
        Assert.Equal(ProjectStage.Permits, project.Stage);
        var instance = await _h.Flow.InstanceAsync(project.PipelineInstanceId!.Value);
        Assert.Equal(ProjectService.Correlation(id), instance.CorrelationId);
        var tasks = await _h.Flow.TasksAsync(instance.Id);
        Assert.Equal(["briefing", "permitBusinessLicence", "permitConstructionPlanning", "permitFoodProduction", "siteSelection"],
            tasks.Select(t => t.ActivityId).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal($"team:{_squadId:D}", t.AssigneeRole));
        // The food production licence: three working days from Friday 15:00 with Sunday the 20th worked → Tuesday 18:00.
        var food = tasks.Single(t => t.ActivityId == "permitFoodProduction");
        Assert.Equal(DeadlineHarness.At(9, 22, 18), food.DueAt);
        Assert.Contains("双汇健康食品有限公司", food.Title.ZhCn, StringComparison.Ordinal);
        Assert.Equal([LedgerKind.Created, LedgerKind.StageChanged], (await LedgerAsync(id)).Select(l => l.Kind));
    }

    [Fact]
    public async Task A_project_with_invalid_references_is_refused_and_nothing_is_written()
    {
        var result = await Projects.CreateAsync(new ProjectInput("", "Co", "no-such-chain", -1m, null, Guid.NewGuid(), null), DeadlineHarness.Admin);

        Assert.Equal(OperationStatus.Invalid, result.Status);
        Assert.Equal(["chain", "contractDate", "leaderId", "name", "plannedInvestment", "squadId"], result.Errors!.Keys.Order(StringComparer.Ordinal));
        await using var db = _h.Flow.Database.CreateDbContext();
        Assert.Equal(0, await db.Projects.CountAsync());
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    [Fact]
    public async Task The_pipeline_moves_the_project_through_site_and_construction_to_production()
    {
        var id = await CreateProjectAsync();
        var pipeline = (await ProjectAsync(id)).PipelineInstanceId!.Value;
        var member = new Actor("squad", ["Squad", $"team:{_squadId:D}"]);

        async Task Complete(string activity, string outcome, JsonObject values)
        {
            _h.MoveTo(_h.Now.AddMinutes(1));
            var task = await _h.Flow.OpenTaskAsync(pipeline, activity);
            var done = await _h.Runner.CompleteTaskAsync(task.Id, member, outcome, null, values);
            Assert.True(done.IsOk, Support.WorkflowHarness.Describe(done));
        }

        await Complete("briefing", "Done", new JsonObject { ["policies"] = "税收优惠" });
        await Complete("permitBusinessLicence", "Done", new JsonObject { ["articlesOfAssociation"] = true, ["registeredAddressProof"] = true, ["businessLicenceNo"] = "91411100MA" });
        await Complete("permitFoodProduction", "Done", new JsonObject { ["foodLicenceNo"] = "SC10641110" });
        await Complete("permitConstructionPlanning", "Done", new JsonObject { ["landCertificate"] = true, ["designScheme"] = true, ["planningPermitNo"] = "建字第1号" });
        await Complete("siteSelection", "Proposed", new JsonObject { ["site"] = "漯河经开区 A-12", ["areaMu"] = 120 });
        var approval = Assert.Single(await _h.ApprovalsAsync(pipeline), a => a.Status == ApprovalStatus.Pending);
        _h.MoveTo(_h.Now.AddMinutes(1));
        Assert.True((await _h.Runner.DecideAsync(approval.Id, DeadlineHarness.Leader, "Approve", "同意", null, null)).IsOk);
        Assert.Equal(ProjectStage.Site, (await ProjectAsync(id)).Stage);

        await Complete("groundbreaking", "Started", new JsonObject { ["startedOn"] = "2026-10-12" });
        var started = await ProjectAsync(id);
        Assert.Equal(ProjectStage.Construction, started.Stage);
        Assert.NotNull(started.StartedOn);

        _h.MoveTo(_h.Now.AddMinutes(1));
        var updated = await Projects.UpdateAsync(id, new ProjectUpdate(Stage: "production"), DeadlineHarness.Admin);
        Assert.True(updated.IsOk, Support.WorkflowHarness.Describe(updated));
        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(pipeline)).Status);
        var final = await ProjectAsync(id);
        Assert.Equal(ProjectStage.Production, final.Stage);
        Assert.NotNull(final.ProductionOn);
        var changes = (await LedgerAsync(id)).Where(l => l.Kind == LedgerKind.StageChanged).ToList();
        Assert.Equal(["签约 → 手续办理", "手续办理 → 选址落定", "选址落定 → 建设", "建设 → 投产"], changes.Select(l => l.Text.ZhCn));
        Assert.Equal(["Signed → Permits", "Permits → Site selected", "Site selected → Under construction", "Under construction → In production"],
            changes.Select(l => l.Text.En));
    }

    [Fact]
    public async Task A_problem_past_its_agreed_date_escalates_to_the_responsible_leader_and_resolving_it_closes_its_run()
    {
        var id = await CreateProjectAsync();
        var raised = await Projects.RaiseProblemAsync(id, new ProblemInput("land", "用地指标未落实", "需协调自然资源局", "squad", DeadlineHarness.At(9, 25, 18)), Squad);
        Assert.True(raised.IsOk, Support.WorkflowHarness.Describe(raised));
        await using (var db = _h.Flow.Database.CreateDbContext())
        {
            var problem = await db.Problems.AsNoTracking().SingleAsync(p => p.Id == raised.Value);
            var task = await _h.Flow.OpenTaskAsync(problem.InstanceId!.Value, "resolve");
            Assert.Equal("squad", task.AssigneeUser);
            Assert.Equal(DeadlineHarness.At(9, 25, 18), task.DueAt);

            await _h.FireWhenDueAsync(await _h.PendingTimerAsync(problem.InstanceId.Value, TimerKind.Escalation));
            var approval = Assert.Single(await _h.ApprovalsAsync(problem.InstanceId.Value));
            Assert.Equal(task.Id, approval.EscalatedTaskId);
            Assert.Contains("leader", await _h.NotifiedAsync(problem.InstanceId.Value, Butler.Workflows.Notifications.NotificationKind.Escalation));
        }

        var resolved = await Projects.ResolveProblemAsync(id, raised.Value, "区长现场办公协调解决", DeadlineHarness.Leader);
        Assert.True(resolved.IsOk, Support.WorkflowHarness.Describe(resolved));

        await using var check = _h.Flow.Database.CreateDbContext();
        var closed = await check.Problems.AsNoTracking().SingleAsync(p => p.Id == raised.Value);
        Assert.Equal(ProblemStatus.Resolved, closed.Status);
        Assert.Equal("区长现场办公协调解决", closed.Resolution);
        Assert.Equal("leader", closed.ResolvedBy);
        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(closed.InstanceId!.Value)).Status);
        Assert.Empty(await _h.PendingTimersAsync(closed.InstanceId.Value));
        Assert.Contains(await LedgerAsync(id), l => l.Kind == LedgerKind.ProblemResolved);
        Assert.Equal(OperationStatus.Conflict, (await Projects.ResolveProblemAsync(id, raised.Value, "again", DeadlineHarness.Leader)).Status);
    }
}
