using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Onboarding;

/// <summary>Moves the run's project to a stage (signed, permits, site, construction, production) and writes it in the ledger.</summary>
public sealed class ProjectStageActivity : Activity
{
    public const string EventName = "project.stage";

    public static readonly ActivityInput<string?> Stage = ActivityInput.String(
        new InputDescriptor("stage", InputType.Choice, true, T("Stage", "阶段"),
            T("signed, permits, site, construction or production.", "签约、手续办理、选址、建设或投产。"))
        {
            Options = [.. Enum.GetValues<ProjectStage>().Select(WireNames.Wire)],
            OptionWords = OnboardingWords.Choices<ProjectStage>(OnboardingWords.Stage),
        });

    public override ActivityDescriptor Descriptor { get; } = new(
        "SetProjectStage", T("Set project stage", "设置项目阶段"),
        T("Moves the project of this run to a stage and records it in the ledger.", "将本流程所属项目推进到某一阶段，并记入台账。"),
        "Onboarding", "flag",
        [Stage.Descriptor],
        [Done]);

    public override ActivityResult Execute(ActivityContext context)
    {
        var stage = Stage.Read(context);
        if (!WireNames.TryParse<ProjectStage>(stage, out var value))
        {
            return ActivityResult.Fault($"'{stage}' is not a project stage.");
        }
        context.Raise(EventName, new JsonObject { ["stage"] = WireNames.Wire(value) });
        return ActivityResult.Complete(Done);
    }
}

/// <summary>Keeps a project in step with its butler pipeline: stage events move the project, in the run's transaction.</summary>
public sealed class ProjectWorkflowObserver(Microsoft.Extensions.Options.IOptions<Calendar.CalendarOptions> calendar) : IWorkflowObserver
{
    private readonly Lazy<TimeZoneInfo> _zone = new(() => calendar.Value.ResolveTimeZone());

    public async Task BeforeCommitAsync(ButlerDbContext db, WorkflowCommit commit, CancellationToken ct)
    {
        var stages = commit.Events.Where(e => e.Name == ProjectStageActivity.EventName).ToList();
        if (stages.Count == 0 || ProjectNames.ProjectIdOf(commit.Variables) is not { } projectId)
        {
            return;
        }
        // Find sees a project added in this same transaction (a pipeline that sets the stage as it starts).
        var project = await db.Projects.FindAsync([projectId], ct);
        if (project is null)
        {
            return;
        }
        foreach (var e in stages)
        {
            if (e.Payload?["stage"]?.GetValue<string>() is { } text && WireNames.TryParse<ProjectStage>(text, out var stage))
            {
                ProjectLedger.MoveStage(db, project, stage, commit.Actor.UserName, commit.Now, _zone.Value, $"workflow:{e.ActivityId}");
            }
        }
    }
}

/// <summary>Names shared by the API, the pipeline JSON and the observers.</summary>
public static class ProjectNames
{
    /// <summary>The project a run belongs to: the variable <c>project.id</c>.</summary>
    public static Guid? ProjectIdOf(JsonObject variables) =>
        variables["project"] is JsonObject p && p["id"] is JsonValue v && v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var id) ? id : null;
}

/// <summary>Writes ledger lines for the changes a project goes through.</summary>
public static class ProjectLedger
{
    public static void Add(ButlerDbContext db, Guid projectId, LedgerKind kind, string actor, DateTimeOffset at, string text, JsonNode? data = null) =>
        Add(db, projectId, kind, actor, at, new Activities.LocalizedText(text), data);

    /// <summary>A line whose text is in both languages (a problem's title, say).</summary>
    public static void Add(ButlerDbContext db, Guid projectId, LedgerKind kind, string actor, DateTimeOffset at, Activities.LocalizedText text, JsonNode? data = null) =>
        db.Ledger.Add(new LedgerEntry
        {
            // Ids order the lines of one instant: a later line of the same transaction gets a later id.
            Id = Guid.CreateVersion7(at.AddMilliseconds(db.Ledger.Local.Count(l => l.ProjectId == projectId))),
            ProjectId = projectId,
            Kind = kind,
            Actor = actor,
            At = at,
            Text = text.Truncate(1000),
            DataJson = data?.ToJsonString(),
        });

    /// <summary>Moves the stage, stamps the start and production days in the deployment's time zone, and records it.</summary>
    public static void MoveStage(ButlerDbContext db, Project project, ProjectStage stage, string actor, DateTimeOffset at, TimeZoneInfo zone, string? source = null)
    {
        if (project.Stage == stage)
        {
            return;
        }
        var from = project.Stage;
        project.Stage = stage;
        var day = LeadProgress.DayOf(at, zone);
        if (stage >= ProjectStage.Construction)
        {
            project.StartedOn ??= day;
        }
        if (stage == ProjectStage.Production)
        {
            project.ProductionOn ??= day;
        }
        project.UpdatedAt = at;
        Add(db, project.Id, LedgerKind.StageChanged, actor, at, OnboardingWords.StageChange(from, stage),
            new JsonObject { ["from"] = WireNames.Wire(from), ["to"] = WireNames.Wire(stage), ["source"] = source });
    }
}
