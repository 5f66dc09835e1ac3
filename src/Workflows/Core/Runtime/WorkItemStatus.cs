namespace Butler.Workflows.Runtime;

public enum WorkItemStatus
{
    Open,
    Done,
    Cancelled,

    /// <summary>退回: sent back to an earlier step of its run, which opened again.</summary>
    Returned,

    /// <summary>撤回: the person whose step opened it took that step back before anyone touched this task.</summary>
    Withdrawn,
}
