using System.Text.Json.Nodes;

namespace Butler.Workflows.Runtime;

/// <summary>What wakes a bookmark: a completed task or a received signal.</summary>
public abstract record Stimulus(Actor Actor);

public sealed record TaskCompletedStimulus(Actor Actor, WorkItem Task, string Outcome, string? Comment, JsonObject Values)
    : Stimulus(Actor);

public sealed record SignalStimulus(Actor Actor, string Name, JsonNode? Payload) : Stimulus(Actor);

/// <summary>A durable timer came due (Delay wake-up, WaitSignal timeout).</summary>
public sealed record TimerStimulus(Actor Actor, Scheduling.DurableTimer Timer) : Stimulus(Actor);

/// <summary>An approval was decided by its votes.</summary>
public sealed record ApprovalDecidedStimulus(Actor Actor, Approval Approval, string Outcome, ApprovalVote Vote) : Stimulus(Actor);
