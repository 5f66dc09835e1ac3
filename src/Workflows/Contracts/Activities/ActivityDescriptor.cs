namespace Butler.Workflows.Activities;

/// <summary>What the designer and validator know about an activity type: names, inputs and outcomes.</summary>
public sealed record ActivityDescriptor(
    string Type,
    LocalizedText DisplayName,
    LocalizedText Description,
    string Category,
    string Icon,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes)
{
    /// <summary>True when the outcomes are taken from the activity's own <c>outcomes</c> input.</summary>
    public bool OutcomesFromInput { get; init; }

    /// <summary>True for activities a run can wait on (tasks, signals).</summary>
    public bool IsBlocking { get; init; }
}
