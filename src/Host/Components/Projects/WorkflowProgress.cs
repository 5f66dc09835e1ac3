namespace Butler.Host.Components.Projects;

/// <summary>How far a run has got with one activity of its definition.</summary>
public enum ActivityState
{
    /// <summary>Not reached (yet).</summary>
    Waiting,

    /// <summary>The journal shows it completed.</summary>
    Done,

    /// <summary>A bookmark or an open task waits on it.</summary>
    Active,
}

/// <summary>A run's progress through its definition, from its journal and what it is waiting on.</summary>
public static class WorkflowProgress
{
    /// <summary>
    /// Active when something waits on the activity (a loop back makes a completed activity active again), else done
    /// when the journal shows it completed, else waiting.
    /// </summary>
    public static IReadOnlyDictionary<string, ActivityState> States(IEnumerable<string> activities, IEnumerable<string> completed, IEnumerable<string> waitingOn)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var done = completed.ToHashSet(StringComparer.Ordinal);
        var active = waitingOn.ToHashSet(StringComparer.Ordinal);
        return activities.Distinct(StringComparer.Ordinal).ToDictionary(a => a,
            a => active.Contains(a) ? ActivityState.Active : done.Contains(a) ? ActivityState.Done : ActivityState.Waiting, StringComparer.Ordinal);
    }

    /// <summary>The wire word of a state: done, active, waiting.</summary>
    public static string Word(ActivityState state) => state switch
    {
        ActivityState.Done => "done",
        ActivityState.Active => "active",
        _ => "waiting",
    };

    /// <summary>An activity's name, already in the reader's language (the layout picks it), or its id when it has none.</summary>
    public static string LocalName(string? name, string id) => string.IsNullOrWhiteSpace(name) ? id : name;
}
