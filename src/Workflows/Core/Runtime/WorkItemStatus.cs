namespace Butler.Workflows.Runtime;

public enum WorkItemStatus
{
    Open,
    Done,
    Cancelled,
}
