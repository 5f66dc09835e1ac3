namespace Butler.Workflows.Runtime;

public enum ApprovalStatus
{
    Pending,
    Decided,
    Cancelled,
}

/// <summary>A decision asked of one or more approvers: by an Approval activity, or opened by an escalation of a task.</summary>
public sealed class Approval
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";

    /// <summary>Set when an escalation opened this approval about a task.</summary>
    public Guid? EscalatedTaskId { get; set; }
    public int? EscalationStep { get; set; }
    public string Title { get; set; } = "";
    public string? Reason { get; set; }

    /// <summary>any | all | majority (会签).</summary>
    public string Mode { get; set; } = "any";
    public string OutcomesJson { get; set; } = "[]";

    /// <summary>JSON array of <c>{user}</c> / <c>{role}</c> specs, already resolved from expressions.</summary>
    public string ApproversJson { get; set; } = "[]";
    public ApprovalStatus Status { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>One approver's vote on an approval.</summary>
public sealed class ApprovalVote
{
    public Guid Id { get; set; }
    public Guid ApprovalId { get; set; }
    public string Approver { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? Comment { get; set; }
    public DateTimeOffset? NewDue { get; set; }
    public string? ReassignTo { get; set; }
    public DateTimeOffset At { get; set; }
}
