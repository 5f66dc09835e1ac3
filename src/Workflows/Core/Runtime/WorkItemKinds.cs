namespace Butler.Workflows.Runtime;

/// <summary>What opened a work item.</summary>
public static class WorkItemKinds
{
    /// <summary>A HumanTask of the flow; completing it resumes the flow.</summary>
    public const string Task = "Task";

    /// <summary>A leader's on-site office opened by an escalation decision; it stands beside the flow.</summary>
    public const string OnSiteOffice = "OnSiteOffice";
}
