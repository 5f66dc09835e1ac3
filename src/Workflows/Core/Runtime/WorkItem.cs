namespace Butler.Workflows.Runtime;

/// <summary>A human task in somebody's inbox, opened by a HumanTask activity.</summary>
public sealed class WorkItem : IVersioned
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    /// <summary>What to do, in both languages (the title template rendered in each).</summary>
    public Activities.LocalizedText Title { get; set; } = new("");
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

    /// <summary>Task (a HumanTask), or a side work item an escalation outcome opened (a kind its extension names).</summary>
    public string Kind { get; set; } = WorkItemKinds.Task;

    /// <summary>The member of the assigned role who took the task; only they may complete it while it is claimed.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Optimistic concurrency token: two changes decided on the same reading cannot both commit.</summary>
    public int Revision { get; set; }

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

    /// <summary>Why <paramref name="actor"/> may not complete the task now, or null when they may.</summary>
    public TaskRule? RefusesCompletion(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsAssignedTo(actor))
        {
            return TaskRule.NotAssigned;
        }
        if (Status != WorkItemStatus.Open)
        {
            return TaskRule.NotOpen;
        }
        return ClaimedBy is not null && !string.Equals(ClaimedBy, actor.UserName, StringComparison.OrdinalIgnoreCase)
            ? TaskRule.ClaimedByAnother
            : null;
    }

    /// <summary>Takes a task of a role for one of its members, so the others see who works on it; returns the rule that refused, or null.</summary>
    public TaskRule? Claim(Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TaskRule? refusal = AssigneeRole is null ? TaskRule.NotARoleTask
            : !actor.IsInRole(AssigneeRole) ? TaskRule.NotARoleMember
            : Status != WorkItemStatus.Open ? TaskRule.NotOpen
            : ClaimedBy is not null ? TaskRule.AlreadyClaimed
            : null;
        if (refusal is null)
        {
            ClaimedBy = actor.UserName;
            ClaimedAt = at;
        }
        return refusal;
    }

    /// <summary>
    /// Gives a claimed task back to its role; the claimer may, and so may whoever <paramref name="overrides"/>
    /// (an administrator freeing a task of someone absent). Returns the rule that refused, or null.
    /// </summary>
    public TaskRule? Release(Actor actor, bool overrides)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TaskRule? refusal = Status != WorkItemStatus.Open ? TaskRule.NotOpen
            : ClaimedBy is null ? TaskRule.NotClaimed
            : !overrides && !string.Equals(ClaimedBy, actor.UserName, StringComparison.OrdinalIgnoreCase) ? TaskRule.NotTheClaimer
            : null;
        if (refusal is null)
        {
            ClaimedBy = null;
            ClaimedAt = null;
        }
        return refusal;
    }

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
