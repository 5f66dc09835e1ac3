using System.Text.Json.Nodes;

namespace Butler.Workflows.Runtime;

/// <summary>What wakes a bookmark: a completed task or a received signal.</summary>
public abstract record Stimulus(Actor Actor);

public sealed record TaskCompletedStimulus(Actor Actor, WorkItem Task, string Outcome, string? Comment, JsonObject Values)
    : Stimulus(Actor);

public sealed record SignalStimulus(Actor Actor, string Name, JsonNode? Payload) : Stimulus(Actor);
