using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Butler.Workflows.Onboarding;

/// <summary>
/// One leader's weekly dispatch agenda as stored in <see cref="Dispatch.AgendaJson"/> (version 1, documented in
/// docs/dispatch.md). Names are camelCase; lights, stages and kinds are camelCase words; times carry the deployment's
/// offset. Every entry has an <c>item</c> key (<c>project:{id}</c>, <c>problem:{id}</c>, <c>approval:{id}</c>,
/// <c>task:{id}</c>) that a decision recorded at the meeting names.
/// </summary>
public sealed record DispatchAgenda(
    int Version,
    DateOnly WeekOf,
    DateTimeOffset GeneratedAt,
    AgendaLeader Leader,
    IReadOnlyList<AgendaProject> Projects,
    IReadOnlyList<AgendaLightItem> Items,
    IReadOnlyList<AgendaProblem> Problems,
    IReadOnlyList<AgendaDecisionDue> DecisionsDue)
{
    public const int CurrentVersion = 1;

    /// <summary>The item key a decision may name when it is about the meeting in general.</summary>
    public const string GeneralItem = "general";

    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static DispatchAgenda? FromJson(string json) => JsonSerializer.Deserialize<DispatchAgenda>(json, JsonOptions);

    /// <summary>The project an agenda item belongs to, or null for an item without one (or not on this agenda).</summary>
    public Guid? ProjectOf(string item) =>
        Projects.FirstOrDefault(p => p.Item == item)?.Id
        ?? Problems.FirstOrDefault(p => p.Item == item)?.ProjectId
        ?? DecisionsDue.FirstOrDefault(d => d.Item == item)?.ProjectId;

    /// <summary>True when the key names an entry of this agenda, or is <see cref="GeneralItem"/>.</summary>
    public bool HasItem(string item) =>
        item == GeneralItem
        || Projects.Any(p => p.Item == item)
        || Problems.Any(p => p.Item == item)
        || DecisionsDue.Any(d => d.Item == item);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Chinese stays readable in the database (and a third the size); markup characters are still escaped.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>The leader the agenda is for.</summary>
public sealed record AgendaLeader(Guid Id, string UserName, string Name, Activities.LocalizedText? Title);

/// <summary>One of the leader's open projects with its light and the reasons for it.</summary>
public sealed record AgendaProject(string Item, Guid Id, string Name, string Company, string Chain, string Stage, string Light,
    IReadOnlyList<AgendaReason> Reasons);

/// <summary>Why a project is yellow or red: an overdue step (with working days late) or a late start.</summary>
public sealed record AgendaReason(string Light, string Code, Butler.Workflows.Activities.LocalizedText Subject, int? WorkingDaysLate);

/// <summary>A red or yellow item: one reason of one project, worst first.</summary>
public sealed record AgendaLightItem(string Item, Guid ProjectId, string ProjectName, string Light, string Code, Butler.Workflows.Activities.LocalizedText Subject, int? WorkingDaysLate);

/// <summary>An open problem (难题) of one of the leader's projects.</summary>
public sealed record AgendaProblem(string Item, Guid Id, Guid ProjectId, string ProjectName, string Kind, Butler.Workflows.Activities.LocalizedText Title, string Owner,
    DateTimeOffset DueAt, int WorkingDaysLate);

/// <summary>
/// A decision waiting for the leader: a pending approval that names them (<c>kind</c> approval) or an open on-site
/// office they hold (<c>kind</c> onSiteOffice).
/// </summary>
public sealed record AgendaDecisionDue(string Item, string Kind, Guid Id, Guid? ProjectId, string? ProjectName, Butler.Workflows.Activities.LocalizedText Title,
    DateTimeOffset? DueAt, int WorkingDaysLate);

/// <summary>Item keys of agenda entries.</summary>
public static class AgendaItems
{
    public static string Project(Guid id) => $"project:{id:D}";

    public static string Problem(Guid id) => $"problem:{id:D}";

    public static string Approval(Guid id) => $"approval:{id:D}";

    public static string Task(Guid id) => $"task:{id:D}";
}
