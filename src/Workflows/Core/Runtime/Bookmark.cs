namespace Butler.Workflows.Runtime;

/// <summary>A place where a run waits for a stimulus.</summary>
public sealed class Bookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public BookmarkKind Kind { get; set; }

    /// <summary>The signal name for signal bookmarks.</summary>
    public string? Name { get; set; }
    public Guid? WorkItemId { get; set; }
    public Guid? ApprovalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
