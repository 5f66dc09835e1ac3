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

    /// <summary>
    /// 委派: the person the owner handed the work to; they work on it and send it back (resolve), the owner then
    /// completes it. Null when the task is not delegated.
    /// </summary>
    public string? DelegatedTo { get; set; }

    public DateTimeOffset? DelegatedAt { get; set; }

    /// <summary>催办: how often someone urged the task, and when last.</summary>
    public int UrgeCount { get; set; }

    public DateTimeOffset? LastUrgedAt { get; set; }

    /// <summary>The person the task is theirs: the assigned user, else the member of the role who claimed it.</summary>
    public string? Owner => AssigneeUser ?? ClaimedBy;

    /// <summary>True when the actor is the person the task is delegated to.</summary>
    public bool IsDelegate(Actor actor) =>
        DelegatedTo is not null && string.Equals(DelegatedTo, actor?.UserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Optimistic concurrency token: two changes decided on the same reading cannot both commit.</summary>
    public int Revision { get; set; }

    /// <summary>Status light at <paramref name="now"/>: red overdue, yellow inside the reminder window, green otherwise.</summary>
    public string LightAt(DateTimeOffset now) =>
        Status != WorkItemStatus.Open || DueAt is null ? "green"
        : now >= DueAt ? "red"
        : WarnAt is not null && now >= WarnAt ? "yellow"
        : "green";

    /// <summary>
    /// True when the actor is the assigned user (or their proxy, 代理人) or holds the assigned role.
    /// </summary>
    public bool IsAssignedTo(Actor actor) =>
        (AssigneeUser is not null && actor.ActsFor(AssigneeUser))
        || (AssigneeRole is not null && actor.IsInRole(AssigneeRole));

    /// <summary>
    /// The person the actor works on this task for when they do so as a proxy (代理人): the assignee, or the role member
    /// who claimed it; null when the task is the actor's own.
    /// </summary>
    public string? RepresentedBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if ((AssigneeUser is not null && actor.IsNamed(AssigneeUser)) || actor.IsNamed(ClaimedBy))
        {
            return null;
        }
        return actor.Stands(AssigneeUser) ? AssigneeUser : actor.Stands(ClaimedBy) ? ClaimedBy : null;
    }

    /// <summary>True when the task is the actor's to work on: assigned to them or their role, and claimed by nobody else.</summary>
    public bool MayActAsAssignee(Actor actor) =>
        IsAssignedTo(actor) && (ClaimedBy is null || actor.ActsFor(ClaimedBy));

    /// <summary>Why <paramref name="actor"/> may not complete the task now, or null when they may.</summary>
    public TaskRule? RefusesCompletion(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (IsDelegate(actor) && !IsAssignedTo(actor))
        {
            return TaskRule.DelegateMayNotComplete;
        }
        if (!IsAssignedTo(actor))
        {
            return TaskRule.NotAssigned;
        }
        if (Status != WorkItemStatus.Open)
        {
            return TaskRule.NotOpen;
        }
        if (DelegatedTo is not null)
        {
            return TaskRule.Delegated;
        }
        return ClaimedBy is not null && !actor.ActsFor(ClaimedBy)
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
            : DelegatedTo is not null ? TaskRule.Delegated
            : !overrides && !string.Equals(ClaimedBy, actor.UserName, StringComparison.OrdinalIgnoreCase) ? TaskRule.NotTheClaimer
            : null;
        if (refusal is null)
        {
            ClaimedBy = null;
            ClaimedAt = null;
        }
        return refusal;
    }

    /// <summary>Hands the task to another person: theirs by name, no longer claimed or delegated.</summary>
    public void TransferTo(string userName)
    {
        AssigneeUser = userName;
        AssigneeRole = null;
        ClaimedBy = null;
        ClaimedAt = null;
        DelegatedTo = null;
        DelegatedAt = null;
    }

    /// <summary>Delegates the task; a role task is claimed for <paramref name="owner"/> first, so it has an owner to come back to.</summary>
    public void DelegateTo(string owner, string userName, DateTimeOffset at)
    {
        if (AssigneeUser is null && ClaimedBy is null)
        {
            ClaimedBy = owner;
            ClaimedAt = at;
        }
        DelegatedTo = userName;
        DelegatedAt = at;
    }

    /// <summary>The delegate sends the task back to its owner, with the values they filled in kept as a draft.</summary>
    public void Resolve(string? draftValuesJson)
    {
        DelegatedTo = null;
        DelegatedAt = null;
        if (draftValuesJson is not null)
        {
            ValuesJson = draftValuesJson;
        }
    }

    /// <summary>Counts an urge.</summary>
    public void Urged(DateTimeOffset at)
    {
        UrgeCount++;
        LastUrgedAt = at;
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

    /// <summary>Closes an open task without an outcome: returned or withdrawn by <paramref name="actor"/>, with their reason.</summary>
    public void CloseAs(WorkItemStatus status, Actor actor, string? comment, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != WorkItemStatus.Open)
        {
            throw new InvalidOperationException($"Task {Id} is {Status} and cannot be closed again.");
        }
        Status = status;
        CompletedBy = actor.UserName;
        CompletedAt = at;
        Comment = comment;
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
