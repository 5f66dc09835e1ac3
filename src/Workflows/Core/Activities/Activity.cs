using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Activities;

/// <summary>Base of every activity: its descriptor sits next to its behaviour.</summary>
public abstract class Activity
{
    public const string Done = "Done";

    public abstract ActivityDescriptor Descriptor { get; }

    public string Type => Descriptor.Type;

    /// <summary>The outcomes a particular configured activity can finish with.</summary>
    public virtual IReadOnlyList<string> GetOutcomes(ActivityModel activity) => Descriptor.Outcomes;

    /// <summary>Checks beyond the generic input checks done from the descriptor.</summary>
    public virtual IEnumerable<DefinitionProblem> Validate(ActivityModel activity, string path, ValidationContext context) => [];

    /// <summary>Runs the activity when a token reaches it.</summary>
    public abstract ActivityResult Execute(ActivityContext context);

    /// <summary>Continues the activity when a stimulus hits one of its bookmarks.</summary>
    public virtual ActivityResult Resume(ActivityContext context, Stimulus stimulus) =>
        throw new InvalidOperationException($"Activity type '{Type}' does not wait and cannot be resumed.");

    protected static LocalizedText T(string en, string zh) => new(en, zh);
}

/// <summary>What happened when an activity ran.</summary>
public sealed class ActivityResult
{
    private ActivityResult(ActivityResultKind kind, IReadOnlyList<string> outcomes, string? message)
    {
        Kind = kind;
        Outcomes = outcomes;
        FaultMessage = message;
    }

    public ActivityResultKind Kind { get; }
    public IReadOnlyList<string> Outcomes { get; }
    public string? FaultMessage { get; }

    /// <summary>Finished; a token leaves along every connection of each outcome.</summary>
    public static ActivityResult Complete(params string[] outcomes) => new(ActivityResultKind.Completed, outcomes, null);

    /// <summary>Waiting on a bookmark the activity created.</summary>
    public static ActivityResult Wait() => new(ActivityResultKind.Waiting, [], null);

    /// <summary>The token is consumed without going on (a Join still waiting for other branches).</summary>
    public static ActivityResult Absorb() => new(ActivityResultKind.Absorbed, [], null);

    public static ActivityResult Fault(string message) => new(ActivityResultKind.Faulted, [], message);
}

public enum ActivityResultKind
{
    Completed,
    Waiting,
    Absorbed,
    Faulted,
}
