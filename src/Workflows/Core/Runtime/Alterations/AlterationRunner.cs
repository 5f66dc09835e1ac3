using System.Globalization;
using Butler.Workflows.Input;

namespace Butler.Workflows.Runtime.Alterations;

/// <summary>
/// Applies alterations to an execution in memory: first checks all of them against the instance as it would be at
/// each step (a move to another version changes what the later ones see), then applies them in order and runs the
/// tokens that scheduled activities put in, once, at the end.
/// </summary>
internal static class AlterationRunner
{
    
    /// <summary>
    /// What is wrong with the alterations for this execution, by field (empty when they can all be applied).
    /// <paramref name="versions"/> gives the published versions a <see cref="MoveToVersion"/> names (null when none).
    /// </summary>
    public static ValidationErrors Check(Execution execution, IReadOnlyList<Alteration> alterations, Func<int, WorkflowGraph?> versions)
    {
        var errors = new ValidationErrors();
        if (alterations.Count == 0)
        {
            errors.Refuse("alterations", Failure.AlterationsRequired());
        }
        var graph = execution.Graph;
        var version = execution.Instance.Version;
        for (var i = 0; i < alterations.Count; i++)
        {
            var at = $"alterations[{i.ToString(CultureInfo.InvariantCulture)}]";
            switch (alterations[i])
            {
                case ScheduleActivity schedule when !graph.Activities.ContainsKey(schedule.ActivityId ?? ""):
                    errors.Refuse($"{at}.activityId", Failure.NoActivity(version, schedule.ActivityId ?? ""));
                    break;
                case CancelActivity cancel when !graph.Activities.ContainsKey(cancel.ActivityId ?? ""):
                    errors.Refuse($"{at}.activityId", Failure.NoActivity(version, cancel.ActivityId ?? ""));
                    break;
                case CancelActivity cancel when WaitingAt(execution, graph, cancel).Count == 0:
                    errors.Refuse($"{at}.activityId", cancel.Branch ? Failure.NothingWaitsDownstream(cancel.ActivityId) : Failure.NothingWaits(cancel.ActivityId));
                    break;
                case SetVariables { Values: null }:
                    errors.Refuse($"{at}.values", Failure.ValuesRequired());
                    break;
                case SetVariables set:
                    var declared = graph.Model.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
                    foreach (var (name, _) in set.Values)
                    {
                        if (!declared.Contains(name))
                        {
                            errors.Refuse($"variables.{name}", Failure.NoVariable());
                        }
                    }
                    break;
                case MoveToVersion move:
                    if (versions(move.Version) is not { } target)
                    {
                        errors.Refuse($"{at}.version", Failure.NoPublishedVersion(execution.Instance.DefinitionId, move.Version));
                        break;
                    }
                    foreach (var activityId in execution.Bookmarks.Select(b => b.ActivityId).Distinct(StringComparer.Ordinal))
                    {
                        var type = graph.Activities.GetValueOrDefault(activityId)?.Type;
                        if (!target.Activities.TryGetValue(activityId, out var there) || there.Type != type)
                        {
                            errors.Refuse($"activities.{activityId}", Failure.NotInVersion(activityId, move.Version, type ?? ""));
                        }
                    }
                    graph = target;
                    version = move.Version;
                    break;
                case null:
                    errors.Refuse(at, Failure.AlterationMissing());
                    break;
            }
        }
        return errors;
    }

    /// <summary>
    /// Applies checked alterations in order. With a <paramref name="reason"/>, each one is journalled with the actor
    /// and that reason; without, the caller journals what it did (a retry writes its own entry). Scheduling an activity
    /// of a faulted instance sets it running again.
    /// </summary>
    public static void Apply(Execution execution, IReadOnlyList<Alteration> alterations, Func<int, WorkflowGraph?> versions, string? reason)
    {
        var scheduled = false;
        foreach (var alteration in alterations)
        {
            switch (alteration)
            {
                case SetVariables set:
                    foreach (var (name, value) in set.Values)
                    {
                        execution.Variables[name] = value?.DeepClone();
                    }
                    Journal(execution, reason, JournalKind.VariablesSet, null, "variables: " + string.Join(", ", set.Values.Select(v => v.Key)));
                    break;
                case MoveToVersion move:
                    var target = versions(move.Version) ?? throw new InvalidOperationException($"Version {move.Version} was checked but is gone.");
                    var from = execution.Instance.Version;
                    execution.Graph = target;
                    execution.Changes.Graph = target;
                    execution.Instance.Version = move.Version;
                    Journal(execution, reason, JournalKind.VersionMoved, null, $"v{from.ToString(CultureInfo.InvariantCulture)} → v{move.Version.ToString(CultureInfo.InvariantCulture)}");
                    break;
                case CancelActivity cancel:
                    var waiting = WaitingAt(execution, execution.Graph, cancel);
                    foreach (var bookmark in waiting)
                    {
                        execution.RemoveBookmark(bookmark);
                    }
                    Journal(execution, reason, JournalKind.ActivityCancelled, execution.Graph.Activities[cancel.ActivityId],
                        (cancel.Branch ? "branch: " : "") + string.Join(", ", waiting.Select(b => b.ActivityId).Distinct(StringComparer.Ordinal)));
                    break;
                case ScheduleActivity schedule:
                    if (execution.Instance.Status == WorkflowStatus.Faulted)
                    {
                        execution.Instance.Status = WorkflowStatus.Running;
                        execution.Instance.FinishedAt = null;
                    }
                    Journal(execution, reason, JournalKind.ActivityScheduled, execution.Graph.Activities[schedule.ActivityId], null);
                    execution.Enqueue(schedule.ActivityId, null);
                    scheduled = true;
                    break;
            }
        }
        if (scheduled && execution.Instance.Status == WorkflowStatus.Running)
        {
            execution.Run();
        }
    }

    /// <summary>The bookmarks a cancel stops: those of the activity, or of its branch up to the next Join.</summary>
    private static List<Bookmark> WaitingAt(Execution execution, WorkflowGraph graph, CancelActivity cancel)
    {
        var activities = cancel.Branch
            ? graph.Downstream(cancel.ActivityId, a => a.Type == "Join")
            : new HashSet<string>(StringComparer.Ordinal) { cancel.ActivityId };
        return execution.Bookmarks.Where(b => activities.Contains(b.ActivityId)).ToList();
    }

    private static void Journal(Execution execution, string? reason, JournalKind kind, Definitions.ActivityModel? activity, string? detail)
    {
        if (reason is not null)
        {
            execution.Journal(kind, activity, comment: reason, detail: detail);
        }
    }
}
