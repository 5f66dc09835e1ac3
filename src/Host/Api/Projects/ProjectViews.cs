using System.Text.Json.Nodes;
using Butler.Workflows.Onboarding;

namespace Butler.Host.Api.Projects;

/// <summary>A project in a list: its place in the pipeline and its light.</summary>
public sealed record ProjectSummary(Guid Id, string Name, string Company, string Chain, decimal PlannedInvestment, DateOnly ContractDate,
    string? PlannedStartMonth, Guid LeaderId, string LeaderName, Guid SquadId, string SquadName, string Stage, string? Closing,
    DateOnly? StartedOn, DateOnly? ProductionOn, bool HighTech, bool ChainGapFilling, decimal InvestmentCompleted, int OpenProblems,
    string Light, int Revision);

public sealed record LightReasonView(string Light, string Code, string Subject, int? WorkingDaysLate);

public sealed record TeamMemberView(string UserName);

public sealed record ProjectTeamView(Guid Id, string Name, string? Lead, IReadOnlyList<string> Members);

public sealed record ProblemView(Guid Id, string Kind, string Title, string? Description, string RaisedBy, string Owner, DateTimeOffset DueAt,
    string Status, string? Resolution, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, Guid? InstanceId);

public sealed record InvestmentView(string Month, decimal Amount, string? Note, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>One line of the ledger timeline: ledger entries and the workflow's tasks and decisions, merged by time.</summary>
/// <param name="OnBehalfOf">The person the actor acted for as their proxy (代理人); null when for themselves.</param>
public sealed record TimelineItem(DateTimeOffset At, string Kind, string Actor, string Text, JsonNode? Data, string? OnBehalfOf = null);

public sealed record OpenTaskView(Guid Id, string Title, string? AssigneeUser, string? AssigneeRole, DateTimeOffset? Due, string Light);

/// <summary>A project with its ledger: team, problems, investment, timeline, open tasks, light and why.</summary>
public sealed record ProjectDetail(ProjectSummary Project, ProjectTeamView Team, string LeaderUserName, IReadOnlyList<LightReasonView> LightReasons,
    IReadOnlyList<ProblemView> Problems, IReadOnlyList<InvestmentView> Investment, IReadOnlyList<OpenTaskView> OpenTasks,
    IReadOnlyList<TimelineItem> Timeline, Guid? PipelineInstanceId);

public sealed record CreateProjectRequest(string? Name, string? Company, string? Chain, decimal? PlannedInvestment, DateOnly? ContractDate,
    Guid? LeaderId, Guid? SquadId, string? PlannedStartMonth, bool? HighTech, bool? ChainGapFilling);

public sealed record RaiseProblemRequest(string? Kind, Butler.Workflows.Activities.LocalizedText? Title, string? Description, string? Owner, DateTimeOffset? DueAt);

public sealed record ResolveProblemRequest(string? Resolution);

public sealed record InvestmentRequest(string? Month, decimal? Amount, string? Note);
