using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Xunit;

namespace Butler.Workflows.Tests.Runtime;

/// <summary>The shipped butler pipeline, from signing to production, run by the interpreter alone: no database.</summary>
public sealed class InMemoryPipelineTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private static InMemoryWorkflowHost NewHost()
    {
        var model = DefinitionJson.TryParse(ShippedDefinitions.Read("butler-pipeline"), out var problem)
            ?? throw new InvalidOperationException(problem?.Message);
        var registry = new ActivityRegistry([.. ActivityRegistry.BuiltIn(), new ProjectStageActivity(), new ResolveProblemActivity(), new LeadStatusActivity()]);
        var calendar = new WorkingCalendar("test", "Weekends only", [], [], TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new TimeOnly(18, 0));
        var interpreter = new WorkflowInterpreter(registry, new ExpressionEvaluator(), calendar);
        return new InMemoryWorkflowHost(interpreter, new WorkflowGraph(model), Monday);
    }

    private static JsonObject Input() => new()
    {
        ["project"] = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["company"] = "双汇食品",
            ["squad"] = "squad",
            ["leader"] = "leader",
        },
        ["responsibleLeader"] = "leader",
    };

    [Fact]
    public void The_butler_pipeline_runs_from_signing_to_production_in_memory()
    {
        var host = NewHost();

        host.Start("butler-pipeline", Input(), new Actor("admin", ["Admin"]));

        Assert.Equal(WorkflowStatus.Running, host.Instance.Status);
        Assert.Equal(
            ["briefing", "permitBusinessLicence", "permitConstructionPlanning", "permitFoodProduction", "siteSelection"],
            host.WorkItems.Where(w => w.Status == WorkItemStatus.Open).Select(w => w.ActivityId).Order(StringComparer.Ordinal));
        Assert.All(host.WorkItems, w => Assert.Equal("squad", w.AssigneeUser));
        Assert.Equal(new LocalizedText("Policy briefing: 双汇食品", "政策解读：双汇食品"), host.OpenTask("briefing").Title);
        // Every permit task has a deadline in working days, with reminder and escalation timers armed for it.
        var briefing = host.OpenTask("briefing");
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 18, 0, 0, TimeSpan.FromHours(8)), briefing.DueAt);
        Assert.Contains(host.Timers, t => t.WorkItemId == briefing.Id && t.Kind == TimerKind.Reminder && t.Status == TimerStatus.Pending);
        Assert.Equal(2, host.Timers.Count(t => t.WorkItemId == briefing.Id && t.Kind == TimerKind.Escalation));
        foreach (var permit in new[] { "permitBusinessLicence", "permitFoodProduction", "permitConstructionPlanning", "siteSelection" })
        {
            var task = host.OpenTask(permit);
            Assert.NotNull(task.DueAt);
            Assert.Contains(host.Timers, t => t.WorkItemId == task.Id && t.Kind == TimerKind.Escalation);
        }

        host.Complete("briefing", "Done", new JsonObject { ["policies"] = "企业所得税优惠" });
        host.Complete("permitBusinessLicence", "Done", new JsonObject
        {
            ["articlesOfAssociation"] = true,
            ["registeredAddressProof"] = true,
            ["businessLicenceNo"] = "91410000MA",
        });
        host.Complete("permitFoodProduction", "NotNeeded");
        host.Complete("permitConstructionPlanning", "Done", new JsonObject
        {
            ["landCertificate"] = true,
            ["designScheme"] = true,
            ["planningPermitNo"] = "建字第2026-001号",
        });
        Assert.DoesNotContain(host.Timers, t => t.WorkItemId == briefing.Id && t.Status == TimerStatus.Pending);
        Assert.DoesNotContain(host.WorkItems, w => w.ActivityId == "groundbreaking");

        host.Complete("siteSelection", "Proposed", new JsonObject { ["site"] = "东区A-12地块", ["areaMu"] = 120 });
        var approval = Assert.Single(host.Approvals);
        Assert.Equal(new LocalizedText("Approve the site for 双汇食品: 东区A-12地块", "审定选址：双汇食品，东区A-12地块"), approval.Title);
        Assert.NotNull(approval.DueAt);
        Assert.Contains(host.Timers, t => t.ApprovalId == approval.Id && t.Kind == TimerKind.Reminder);
        host.Decide("siteApproval", "Approve");

        Assert.Equal((ApprovalStatus.Decided, "Approve"), (approval.Status, approval.Outcome));
        host.Complete("groundbreaking", "Started", new JsonObject { ["startedOn"] = "2026-04-01" });
        Assert.Equal(["construction"], host.Bookmarks.Select(b => b.ActivityId));
        Assert.Equal(WorkflowStatus.Running, host.Instance.Status);

        host.Signal("production", new Actor("leader", ["Leader"]));

        Assert.Equal(WorkflowStatus.Completed, host.Instance.Status);
        Assert.Empty(host.Bookmarks);
        Assert.All(host.WorkItems, w => Assert.Equal(WorkItemStatus.Done, w.Status));
        Assert.Empty(host.Incidents);
        Assert.Equal(
            ["permits", "site", "construction", "production"],
            host.Events.Where(e => e.Name == ProjectStageActivity.EventName).Select(e => e.Payload!["stage"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, host.Journal.Count), host.Journal.Select(j => j.Sequence));
        Assert.Equal(JournalKind.InstanceCompleted, host.Journal[^1].Kind);
    }
}
