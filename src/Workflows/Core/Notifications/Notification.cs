namespace Butler.Workflows.Notifications;

/// <summary>An in-app notification (the bell): reminders, escalations, decisions.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public string DedupKey { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public Guid? InstanceId { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? ApprovalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
