namespace Butler.Workflows.Runtime;

/// <summary>What opened a work item.</summary>
public static class WorkItemKinds
{
    /// <summary>A HumanTask of the flow; completing it resumes the flow. Other kinds stand beside the flow (see <see cref="Deadlines.OpenSideTask"/>).</summary>
    public const string Task = "Task";
}
