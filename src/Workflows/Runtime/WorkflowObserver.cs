using System.Text.Json.Nodes;
using Butler.Workflows.Persistence;

namespace Butler.Workflows.Runtime;

/// <summary>A domain event raised by an activity (e.g. "the project reached construction").</summary>
public sealed record WorkflowEvent(string Name, string ActivityId, JsonNode? Payload);

/// <summary>What a stimulus is about to commit, for observers that keep domain records in step with a run.</summary>
public sealed record WorkflowCommit(WorkflowInstance Instance, JsonObject Variables, IReadOnlyList<WorkflowEvent> Events, Actor Actor, DateTimeOffset Now);

/// <summary>
/// Handles the events a stimulus raised inside the stimulus's own transaction: whatever it adds to <c>db</c> commits
/// with the run or not at all. Called only when a stimulus raised events.
/// </summary>
public interface IWorkflowObserver
{
    Task BeforeCommitAsync(ButlerDbContext db, WorkflowCommit commit, CancellationToken ct);
}
