namespace Butler.Workflows.Runtime;

/// <summary>One approver's vote on an approval.</summary>
public sealed class ApprovalVote
{
    public Guid Id { get; set; }
    public Guid ApprovalId { get; set; }
    /// <summary>The approver whose seat the vote fills.</summary>
    public string Approver { get; set; } = "";

    /// <summary>Who cast the vote when it was not the approver (a 代理人 acting for them); null when they voted themselves.</summary>
    public string? CastBy { get; set; }
    public string Outcome { get; set; } = "";
    public string? Comment { get; set; }
    public DateTimeOffset? NewDue { get; set; }
    public string? ReassignTo { get; set; }
    public DateTimeOffset At { get; set; }
}
