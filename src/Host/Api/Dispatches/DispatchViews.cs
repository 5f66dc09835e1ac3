using System.Text.Json.Nodes;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Dispatches;

/// <summary>The leader of a dispatch, as lists show them.</summary>
public sealed record DispatchLeaderView(Guid Id, string UserName, string Name);

/// <summary>One agenda in a list, with the counts of what is on it.</summary>
public sealed record DispatchSummaryView(Guid Id, DispatchLeaderView Leader, DateOnly WeekOf, DateTimeOffset CreatedAt,
    int Projects, int Red, int Yellow, int OpenProblems, int DecisionsDue, int Decisions)
{
    public static DispatchSummaryView From(Dispatch d, Leader leader, DispatchAgenda agenda, int decisions) => new(
        d.Id, new DispatchLeaderView(leader.Id, leader.UserName, leader.Name), d.WeekOf, d.CreatedAt,
        agenda.Projects.Count, agenda.Projects.Count(p => p.Light == "red"), agenda.Projects.Count(p => p.Light == "yellow"),
        agenda.Problems.Count, agenda.DecisionsDue.Count, decisions);
}

/// <summary>
/// A decision recorded at the meeting and the task that carries it out: <c>task</c> is null until the run has one, and
/// its <c>light</c> is computed at read time (green, yellow in the reminder window, red overdue).
/// </summary>
public sealed record DecisionView(Guid Id, string Item, string Text, string Assignee, DateTimeOffset? DueAt, Guid? InstanceId,
    DecisionTaskView? Task, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static DecisionView From(DispatchDecision d, WorkItem? task, DateTimeOffset now) => new(
        d.Id, d.Item, d.Text, d.Assignee, d.DueAt, d.InstanceId,
        task is null ? null : new DecisionTaskView(task.Id, task.Status.ToString().ToLowerInvariant(), task.DueAt, task.LightAt(now), task.CompletedAt),
        d.RecordedBy, d.RecordedAt);
}

public sealed record DecisionTaskView(Guid Id, string Status, DateTimeOffset? DueAt, string Light, DateTimeOffset? CompletedAt);

/// <summary>One agenda in full (the stored JSON, see docs/dispatch.md) with the decisions recorded against it.</summary>
public sealed record DispatchDetailView(Guid Id, DispatchLeaderView Leader, DateOnly WeekOf, DateTimeOffset CreatedAt, JsonNode? Agenda,
    IReadOnlyList<DecisionView> Decisions);

/// <summary>A decision to record: the agenda item, what was decided, who carries it out (a user name) and by when.</summary>
public sealed record RecordDecisionRequest(string? Item, string? Text, string? Assignee, DateTimeOffset? DueAt);

/// <summary>What a run did; <c>alreadyRan</c> is true when the week had run before and nothing was sent.</summary>
public sealed record DispatchRunView(DateOnly WeekOf, DateTimeOffset RanAt, int Agendas, int Sent, bool AlreadyRan)
{
    public static DispatchRunView From(DispatchRunResult r) => new(r.WeekOf, r.RanAt, r.Agendas, r.Sent, !r.Ran);
}
