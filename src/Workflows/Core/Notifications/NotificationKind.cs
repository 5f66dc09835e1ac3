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

    /// <summary>A task was transferred to this person (转办).</summary>
    TaskTransferred,

    /// <summary>A task was delegated to this person, to work on and send back (委派).</summary>
    TaskDelegated,

    /// <summary>The delegate sent a task back to its owner.</summary>
    TaskResolved,

    /// <summary>Someone urged this person to finish a task (催办).</summary>
    TaskUrged,

    /// <summary>A step this person completed was sent back to them (退回).</summary>
    TaskReturned,

    /// <summary>A task or an approval was copied to this person to read (抄送).</summary>
    Copied,

    /// <summary>The run of a task this person had was withdrawn by its starter (撤销): the task needs no more work.</summary>
    RunWithdrawn,
}
