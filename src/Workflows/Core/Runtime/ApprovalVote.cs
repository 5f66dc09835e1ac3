namespace Butler.Workflows.Runtime;

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
