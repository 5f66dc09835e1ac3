using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Onboarding;

/// <summary>Marks the run's problem resolved with the text in the variable <c>resolution</c>, and records it in the ledger.</summary>
public sealed class ResolveProblemActivity : Activity
{
    public const string EventName = "problem.resolved";

    public override ActivityDescriptor Descriptor { get; } = new(
        "ResolveProblem", T("Resolve problem", "难题销号"),
        T("Marks the problem of this run resolved, with the resolution from the variable 'resolution'.", "将本流程跟踪的难题销号，办理结果取自变量 resolution。"),
        "Onboarding", "task_alt",
        [],
        [Done]);

    public override ActivityResult Execute(ActivityContext context)
    {
        context.Raise(EventName, new JsonObject { ["resolution"] = context.Variables["resolution"]?.DeepClone() });
        return ActivityResult.Complete(Done);
    }
}

/// <summary>Applies a resolved problem's run to the problem row and the project's ledger, in the run's transaction.</summary>
public sealed class ProblemWorkflowObserver : IWorkflowObserver
{
    public async Task BeforeCommitAsync(ButlerDbContext db, WorkflowCommit commit, CancellationToken ct)
    {
        var resolved = commit.Events.LastOrDefault(e => e.Name == ResolveProblemActivity.EventName);
        if (resolved is null
            || commit.Variables["problem"] is not JsonObject p || p["id"] is not JsonValue v || !v.TryGetValue<string>(out var text)
            || !Guid.TryParse(text, out var problemId))
        {
            return;
        }
        var problem = await db.Problems.FindAsync([problemId], ct);
        if (problem is null || problem.Status == ProblemStatus.Resolved)
        {
            return;
        }
        var resolution = resolved.Payload?["resolution"] is JsonValue r && r.TryGetValue<string>(out var s) ? s : "";
        problem.Status = ProblemStatus.Resolved;
        problem.Resolution = resolution.Length > 4000 ? resolution[..4000] : resolution;
        problem.ResolvedAt = commit.Now;
        problem.ResolvedBy = commit.Actor.UserName;
        problem.Revision++;
        ProjectLedger.Add(db, problem.ProjectId, LedgerKind.ProblemResolved, commit.Actor.UserName, commit.Now, problem.Title.Map((title, _) => $"{title}: {resolution}"),
            new JsonObject { ["problemId"] = problem.Id.ToString("D") });
    }
}
