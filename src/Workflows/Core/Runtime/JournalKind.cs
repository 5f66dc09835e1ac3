namespace Butler.Workflows.Runtime;

public enum JournalKind
{
    InstanceStarted,
    ActivityStarted,
    ActivityCompleted,
    ActivityFaulted,
    TaskCreated,
    TaskCompleted,
    SignalReceived,
    BranchCancelled,
    InstanceCompleted,
    InstanceFaulted,
    InstanceCancelled,
    ReminderSent,
    Escalated,
    ApprovalOpened,
    ApprovalVoted,
    ApprovalDecided,
    TaskExtended,
    TaskReassigned,
    TimerFired,
    TaskClaimed,
    TaskReleased,

    /// <summary>An administrator resumed a faulted instance from the activity that faulted; the detail names the incident resolved.</summary>
    InstanceRetried,

    /// <summary>An administrator put a token at an activity (an alteration); the comment is their reason.</summary>
    ActivityScheduled,

    /// <summary>An administrator stopped waiting at an activity or a branch (an alteration); the detail names the activities.</summary>
    ActivityCancelled,

    /// <summary>An administrator set variables of the run (an alteration); the detail names them.</summary>
    VariablesSet,

    /// <summary>An administrator moved the instance to another published version (an alteration); the detail says from and to.</summary>
    VersionMoved,

    /// <summary>转办: the task became another person's; the detail names them, the comment says why.</summary>
    TaskTransferred,

    /// <summary>委派: the owner handed the work to someone who sends it back; the detail names them.</summary>
    TaskDelegated,

    /// <summary>The delegate sent the task back to its owner; the comment is theirs.</summary>
    TaskResolved,

    /// <summary>催办: someone urged the task's assignee; the comment is theirs.</summary>
    TaskUrged,

    /// <summary>退回: the task was sent back to an earlier step, which opened again; the comment says why, the detail names the step.</summary>
    TaskReturned,

    /// <summary>撤回: the person whose step opened the task took the step back; the detail names the step.</summary>
    TaskWithdrawn,

    /// <summary>抄送: a task or an approval was copied to people to read; the detail names them, the comment is the copier's.</summary>
    Copied,

    /// <summary>撤销: the person who started the run took it back before anyone else worked on it; the comment says why.</summary>
    InstanceWithdrawn,

    /// <summary>去重: the approver (the entry's actor) is recorded as approving, having approved an earlier step of the run.</summary>
    ApprovedBefore,

    /// <summary>加签: people were added to an approval; the detail names them and where they sign, the comment says why.</summary>
    SignersAdded,

    /// <summary>减签: a signer who had not voted was taken off an approval; the detail names them.</summary>
    SignerRemoved,

    /// <summary>超时自动处理: a deadline passed and the escalation ladder completed the task or decided the approval itself.</summary>
    TimedOutAction,

    /// <summary>Nobody resolved as approver and the Approval's <c>whenNoApprover</c> passed the step or handed it to the administrators.</summary>
    NoApprover,
}
