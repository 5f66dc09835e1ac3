namespace Butler.Workflows.Runtime;

/// <summary>A note a squad member leaves on an open task without completing it: progress, a call made, a document awaited.</summary>
public sealed class TaskNote
{
    public Guid Id { get; set; }
    public Guid WorkItemId { get; set; }
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
