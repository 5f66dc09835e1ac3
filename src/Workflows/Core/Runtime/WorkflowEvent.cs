using System.Text.Json.Nodes;

namespace Butler.Workflows.Runtime;

/// <summary>A domain event raised by an activity (e.g. "the project reached construction").</summary>
public sealed record WorkflowEvent(string Name, string ActivityId, JsonNode? Payload);
