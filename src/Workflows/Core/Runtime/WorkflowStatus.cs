namespace Butler.Workflows.Runtime;

/// <summary>Lifecycle of a workflow instance.</summary>
public enum WorkflowStatus
{
    Running,
    Completed,
    Faulted,
    Cancelled,
}
