using System.Text.Json.Nodes;

namespace Butler.Workflows.Sandbox;

/// <summary>Everything a test run shows: the instance, what waits for a person or a time, what happened, and the mail it holds back.</summary>
/// <param name="Status">running, completed, faulted or cancelled.</param>
/// <param name="Now">The run's own clock, which "fire now" moves forward.</param>
/// <param name="ActiveActivityIds">Activities that wait now (open tasks, approvals, delays, signals), for highlighting on the canvas.</param>
public sealed record SandboxState(
    Guid Id,
    string DefinitionId,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset Now,
    DateTimeOffset ExpiresAt,
    JsonObject Variables,
    IReadOnlyList<string> ActiveActivityIds,
    IReadOnlyList<SandboxTask> Tasks,
    IReadOnlyList<SandboxApproval> Approvals,
    IReadOnlyList<SandboxTimer> Timers,
    IReadOnlyList<SandboxJournalEntry> Journal,
    IReadOnlyList<SandboxMail> HeldMails,
    IReadOnlyList<SandboxIncident> Incidents);

/// <summary>An open task of a test run; completing it acts as its assignee.</summary>
/// <param name="Fields">The task's form fields as the definition declares them ({name, label, type, required, options}).</param>
public sealed record SandboxTask(
    Guid Id, string ActivityId, string Kind, Butler.Workflows.Activities.LocalizedText Title, string? AssigneeUser, string? AssigneeRole,
    DateTimeOffset? DueAt, int EscalationLevel, IReadOnlyList<string> Outcomes, JsonArray Fields);

/// <summary>A pending approval of a test run; deciding it votes as its approvers until the votes decide.</summary>
/// <param name="EscalatedTaskId">Set when an escalation step opened it about an overdue task.</param>
public sealed record SandboxApproval(
    Guid Id, string ActivityId, Butler.Workflows.Activities.LocalizedText Title, string Mode, IReadOnlyList<string> Approvers, IReadOnlyList<string> Outcomes,
    DateTimeOffset? DueAt, Guid? EscalatedTaskId, int Votes);

/// <summary>A pending timer: <see cref="Kind"/> is reminder, escalation (a ladder step; "after PT0S" fires at the due time), delay or signalTimeout.</summary>
public sealed record SandboxTimer(Guid Id, string Kind, string ActivityId, int Step, DateTimeOffset DueAt, bool IsDue);

/// <summary>One line of the run's journal.</summary>
public sealed record SandboxJournalEntry(int Sequence, DateTimeOffset At, string Kind, string? ActivityId, string? Actor, string? Outcome, string? Detail);

/// <summary>A mail the run would have sent; it stays in the run's own outbox and is never delivered.</summary>
public sealed record SandboxMail(string To, string? ToName, string Subject, DateTimeOffset At);

/// <summary>Why the run faulted.</summary>
public sealed record SandboxIncident(string? ActivityId, string Kind, string Message, DateTimeOffset At);
