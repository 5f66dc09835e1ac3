namespace Butler.Workflows.Notifications;

/// <summary>The kinds of message the engine sends.</summary>
public enum NotificationKind
{
    /// <summary>A task is due soon (to its assignee).</summary>
    Reminder,

    /// <summary>A task is overdue and escalated (to the people named by the ladder).</summary>
    Escalation,

    /// <summary>An approval waits for this person's decision (with one-click links when opened by an escalation).</summary>
    ApprovalRequested,

    /// <summary>An approval was decided (to the task's assignee and the approvers).</summary>
    ApprovalDecided,
}
