namespace Butler.Workflows.Runtime;

/// <summary>Lifecycle of a workflow instance.</summary>
public enum WorkflowStatus
{
    Running,
    Completed,
    Faulted,
    Cancelled,
}

/// <summary>A run of one published definition version, with its variables and private state.</summary>
public sealed class WorkflowInstance : IVersioned
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public WorkflowStatus Status { get; set; }
    public string InputJson { get; set; } = "{}";
    public string VariablesJson { get; set; } = "{}";

    /// <summary>Outputs of finished activities (outcome, who, fields) and private activity state such as Join arrivals.</summary>
    public string StateJson { get; set; } = "{}";
    public string? CreatedBy { get; set; }

    /// <summary>What the run belongs to, e.g. <c>project:{id}</c> or <c>lead:{id}</c>; finds a project's tasks.</summary>
    public string? CorrelationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency token: bumped on every committed stimulus.</summary>
    public int Revision { get; set; }

    /// <summary>Number of journal entries written so far; the next one gets this plus one.</summary>
    public int JournalCount { get; set; }
}

public enum BookmarkKind
{
    Task,
    Signal,
    Approval,
    Delay,
}

/// <summary>A place where a run waits for a stimulus.</summary>
public sealed class Bookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public BookmarkKind Kind { get; set; }

    /// <summary>The signal name for signal bookmarks.</summary>
    public string? Name { get; set; }
    public Guid? WorkItemId { get; set; }
    public Guid? ApprovalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum JournalKind
{
    InstanceStarted,
    ActivityStarted,
    ActivityCompleted,
    ActivityFaulted,
    TaskCreated,
    TaskCompleted,
    SignalReceived,
    BranchCancelled,
    InstanceCompleted,
    InstanceFaulted,
    InstanceCancelled,
    ReminderSent,
    Escalated,
    ApprovalOpened,
    ApprovalVoted,
    ApprovalDecided,
    TaskExtended,
    TaskReassigned,
    TimerFired,
    TaskClaimed,
    TaskReleased,

    /// <summary>An administrator resumed a faulted instance from the activity that faulted; the detail names the incident resolved.</summary>
    InstanceRetried,

    /// <summary>An administrator put a token at an activity (an alteration); the comment is their reason.</summary>
    ActivityScheduled,

    /// <summary>An administrator stopped waiting at an activity or a branch (an alteration); the detail names the activities.</summary>
    ActivityCancelled,

    /// <summary>An administrator set variables of the run (an alteration); the detail names them.</summary>
    VariablesSet,

    /// <summary>An administrator moved the instance to another published version (an alteration); the detail says from and to.</summary>
    VersionMoved,
}

/// <summary>One line of an instance's execution history: what happened, to which activity, by whom, when.</summary>
public sealed class JournalEntry
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public int Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public JournalKind Kind { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    public string? Actor { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? Detail { get; set; }

    /// <summary>The instance's next journal entry, numbered after its last; the caller adds it to the context.</summary>
    public static JournalEntry Next(WorkflowInstance instance, DateTimeOffset at, JournalKind kind, string? activityId, string? activityType,
        string? actor, string? outcome = null, string? comment = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new JournalEntry
        {
            Id = Guid.CreateVersion7(at),
            InstanceId = instance.Id,
            Sequence = ++instance.JournalCount,
            At = at,
            Kind = kind,
            ActivityId = activityId,
            ActivityType = activityType,
            Actor = actor,
            Outcome = outcome,
            Comment = comment,
            Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        };
    }
}

/// <summary>
/// Why an instance faulted: which activity, which expression, what message. An incident is resolved when the instance
/// is retried; the <see cref="JournalKind.InstanceRetried"/> entry naming it (see <see cref="ResolvedBy"/>) says by whom and when.
/// </summary>
public sealed class Incident
{
    private const string JournalPrefix = "incident:";

    /// <summary>The detail of the journal entry that resolves this incident.</summary>
    public string ResolutionDetail => JournalPrefix + Id.ToString("D");

    /// <summary>The retry entries of a journal by the incident each resolved.</summary>
    public static IReadOnlyDictionary<Guid, JournalEntry> ResolvedBy(IEnumerable<JournalEntry> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var resolved = new Dictionary<Guid, JournalEntry>();
        foreach (var entry in journal.Where(j => j.Kind == JournalKind.InstanceRetried))
        {
            if (entry.Detail is { } detail && detail.StartsWith(JournalPrefix, StringComparison.Ordinal)
                && Guid.TryParse(detail.AsSpan(JournalPrefix.Length), out var id))
            {
                resolved[id] = entry;
            }
        }
        return resolved;
    }

    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? ActivityId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";
    public string? Expression { get; set; }
}

/// <summary>
/// Remembers an idempotency key so the same stimulus twice does its work once; written in the transaction of the
/// work. A key sent by an API client also keeps what the first request was (its fingerprint) and, once the host has
/// answered it, the answer, so a replay gets the same status, body and location.
/// </summary>
public sealed class ProcessedStimulus
{
    /// <summary>The key as the engine sees it: for an API client, scoped to the caller, the operation and its target.</summary>
    public string Key { get; set; } = "";
    public Guid InstanceId { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>The HTTP request that did the work; another request finding this row is a replay.</summary>
    public Guid? RequestId { get; set; }

    /// <summary>A hash of what the first request asked; a replay asking something else is refused.</summary>
    public string? Fingerprint { get; set; }

    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }
    public string? ResponseBody { get; set; }
    public string? ResponseLocation { get; set; }
}
