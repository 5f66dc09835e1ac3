namespace Butler.Workflows.Runtime;

/// <summary>
/// 抄送: one person was sent a copy of a task or an approval to read, by someone on it or by the step's <c>cc</c>
/// input when it completed. The copy lets them read the step (never act on it) and is unread until they open it.
/// </summary>
public sealed class CarbonCopy
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }

    /// <summary>The task copied, or null for an approval.</summary>
    public Guid? WorkItemId { get; set; }

    /// <summary>The approval copied, or null for a task.</summary>
    public Guid? ApprovalId { get; set; }

    public string ActivityId { get; set; } = "";

    /// <summary>The task's or the approval's title, in both languages.</summary>
    public Activities.LocalizedText Title { get; set; } = new("");

    /// <summary>The user name of the person it was copied to.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>Who copied it: the person who made the move, or who completed the step whose <c>cc</c> input copied it.</summary>
    public string CopiedBy { get; set; } = "";

    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the recipient first opened it; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    public bool IsRead => ReadAt is not null;
}
