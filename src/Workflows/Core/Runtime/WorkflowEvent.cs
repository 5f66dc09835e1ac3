using System.Text.Json.Nodes;

namespace Butler.Workflows.Runtime;

/// <summary>A domain event raised by an activity (e.g. "the project reached construction").</summary>
public sealed record WorkflowEvent(string Name, string ActivityId, JsonNode? Payload);

/// <summary>What a stimulus is about to commit, for observers that keep domain records in step with a run.</summary>
public sealed record WorkflowCommit(WorkflowInstance Instance, JsonObject Variables, IReadOnlyList<WorkflowEvent> Events, Actor Actor, DateTimeOffset Now);
