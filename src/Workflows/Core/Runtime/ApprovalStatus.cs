namespace Butler.Workflows.Runtime;

public enum ApprovalStatus
{
    Pending,
    Decided,
    Cancelled,
}
