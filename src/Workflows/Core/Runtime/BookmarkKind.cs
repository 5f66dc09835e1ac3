namespace Butler.Workflows.Runtime;

public enum BookmarkKind
{
    Task,
    Signal,
    Approval,
    Delay,
}
