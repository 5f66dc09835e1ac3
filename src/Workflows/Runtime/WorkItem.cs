namespace Butler.Workflows.Runtime;

public enum WorkItemStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>A human task in somebody's inbox, opened by a HumanTask activity.</summary>
public sealed class WorkItem
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string Title { get; set; } = "";
    public string? AssigneeUser { get; set; }
    public string? AssigneeRole { get; set; }
    public string OutcomesJson { get; set; } = "[\"Done\"]";
    public string FieldsJson { get; set; } = "[]";
    public WorkItemStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? ValuesJson { get; set; }

    /// <summary>When the task is due, from its <c>due</c> input and the working-day calendar.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When the first reminder goes out; from then until due the task shows yellow.</summary>
    public DateTimeOffset? WarnAt { get; set; }

    /// <summary>How many escalation steps have fired.</summary>
    public int EscalationLevel { get; set; }

    /// <summary>Task (a HumanTask) or OnSiteOffice (opened by a leader's decision).</summary>
    public string Kind { get; set; } = WorkItemKinds.Task;

    /// <summary>Status light at <paramref name="now"/>: red overdue, yellow inside the reminder window, green otherwise.</summary>
    public string LightAt(DateTimeOffset now) =>
        Status != WorkItemStatus.Open || DueAt is null ? "green"
        : now >= DueAt ? "red"
        : WarnAt is not null && now >= WarnAt ? "yellow"
        : "green";

    /// <summary>True when the actor is the assigned user or holds the assigned role.</summary>
    public bool IsAssignedTo(Actor actor) =>
        (AssigneeUser is not null && string.Equals(AssigneeUser, actor.UserName, StringComparison.OrdinalIgnoreCase))
        || (AssigneeRole is not null && actor.IsInRole(AssigneeRole));

    /// <summary>Marks the task done; the caller has checked who and which outcome.</summary>
    public void Complete(Actor actor, string outcome, string? comment, string valuesJson, DateTimeOffset at)
    {
        if (Status != WorkItemStatus.Open)
        {
            throw new InvalidOperationException($"Task {Id} is {Status} and cannot be completed again.");
        }
        Status = WorkItemStatus.Done;
        CompletedBy = actor.UserName;
        CompletedAt = at;
        Outcome = outcome;
        Comment = comment;
        ValuesJson = valuesJson;
    }

    public void Cancel(DateTimeOffset at)
    {
        if (Status == WorkItemStatus.Open)
        {
            Status = WorkItemStatus.Cancelled;
            CompletedAt = at;
        }
    }
}

/// <summary>What opened a work item.</summary>
public static class WorkItemKinds
{
    /// <summary>A HumanTask of the flow; completing it resumes the flow.</summary>
    public const string Task = "Task";

    /// <summary>A leader's on-site office opened by an escalation decision; it stands beside the flow.</summary>
    public const string OnSiteOffice = "OnSiteOffice";
}

/// <summary>Who is acting: a user name and the roles they hold. Null user name means the system.</summary>
public sealed record Actor(string UserName, IReadOnlyCollection<string> Roles)
{
    public static Actor System { get; } = new("system", []);

    public bool IsInRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
