using System.Text.Json.Nodes;

namespace Butler.Workflows.Runtime;

/// <summary>What a stimulus is about to commit, for observers that keep domain records in step with a run.</summary>
public sealed record WorkflowCommit(WorkflowInstance Instance, JsonObject Variables, IReadOnlyList<WorkflowEvent> Events, Actor Actor, DateTimeOffset Now);
