using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;

namespace Butler.Workflows.Deadlines;

/// <summary>
/// An activity's deadline inputs (<c>due</c>, <c>reminders</c>, <c>escalation</c>) read once into types: what the runtime
/// arms and fires. The validator reports the problems of the same parse.
/// </summary>
public sealed class DeadlinePolicy
{
    public DeadlinePolicy(DueSpec? due, IReadOnlyList<BusinessDuration> reminders, IReadOnlyList<EscalationStep> escalation)
    {
        Due = due;
        Reminders = reminders;
        Escalation = escalation;
    }

    /// <summary>The policy of an activity without deadline inputs.</summary>
    public static DeadlinePolicy None { get; } = new(null, [], []);

    /// <summary>Null when the activity has no due time (then nothing is armed).</summary>
    public DueSpec? Due { get; }

    /// <summary>Offsets before the due time (≤ 0) at which the assignee is reminded.</summary>
    public IReadOnlyList<BusinessDuration> Reminders { get; }

    /// <summary>The escalation ladder, in the order written.</summary>
    public IReadOnlyList<EscalationStep> Escalation { get; }

    /// <summary>The ladder step a timer names, or null when the ladder has no such step (any more).</summary>
    public EscalationStep? Step(int index) => Escalation.FirstOrDefault(s => s.Index == index);

    /// <summary>Reads deadline inputs; invalid parts are left out (the validator reports them before publishing).</summary>
    public static DeadlinePolicy Parse(JsonObject inputs) => DeadlinePolicyParser.Parse(inputs, null, []);

    /// <summary>The policy of an activity, read from its inputs the first time it is asked for and kept with the activity.</summary>
    public static DeadlinePolicy Of(ActivityModel activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Cache.GetValue(activity, a => Parse(a.Inputs));
    }

    /// <summary>超时自动处理: each escalation step's <c>action</c> outcome must be one the activity offers.</summary>
    public static IEnumerable<DefinitionProblem> CheckActions(ActivityModel activity, IReadOnlyList<string> outcomes, string path)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var step in Of(activity).Escalation.Where(s => s.ActionOutcome is { } o && !outcomes.Contains(o, StringComparer.Ordinal)))
        {
            yield return new DefinitionProblem($"{path}.inputs.{DeadlineInputs.Escalation.Name}[{step.Index}].action.outcome",
                $"'{step.ActionOutcome}' is not an outcome of this step; choose one of {string.Join(", ", outcomes)}.",
                $"“{step.ActionOutcome}”不是本环节的结果，请从 {string.Join("、", outcomes)} 中选择。");
        }
    }

    private static readonly ConditionalWeakTable<ActivityModel, DeadlinePolicy> Cache = new();
}
