namespace Butler.Workflows.Runtime;

/// <summary>A file kept with a task (a scanned permit, a signed form); the bytes live in the data folder under <see cref="StoredName"/>.</summary>
public sealed class TaskAttachment
{
    public Guid Id { get; set; }
    public Guid WorkItemId { get; set; }

    /// <summary>The name the uploader's file had; shown and offered on download, never used as a path.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The generated name of the file on disk.</summary>
    public string StoredName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}
