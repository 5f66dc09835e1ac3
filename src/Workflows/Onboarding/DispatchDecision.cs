namespace Butler.Workflows.Onboarding;

/// <summary>A decision taken at a dispatch meeting against an agenda item; it becomes a task.</summary>
public sealed class DispatchDecision
{
    public Guid Id { get; set; }
    public Guid DispatchId { get; set; }

    /// <summary>The agenda item it answers, e.g. <c>problem:{id}</c> or <c>project:{id}</c>.</summary>
    public string Item { get; set; } = "";
    public string Text { get; set; } = "";
    public string Assignee { get; set; } = "";
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The run carrying the resulting task.</summary>
    public Guid? InstanceId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
