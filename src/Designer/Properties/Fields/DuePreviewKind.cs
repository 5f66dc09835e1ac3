namespace Butler.Designer.Properties.Fields;

/// <summary>What a due-time preview says: when a duration from now ends, or when an offset from the due time falls.</summary>
public enum DuePreviewKind
{
    None,

    /// <summary>The duration counted from now: the due time.</summary>
    Due,

    /// <summary>An offset before the due time (the due counted from now first).</summary>
    Reminder,

    /// <summary>An offset after the due time (the due counted from now first).</summary>
    Escalation,
}
