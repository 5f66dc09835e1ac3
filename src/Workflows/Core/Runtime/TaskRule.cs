namespace Butler.Workflows.Runtime;

/// <summary>The named rules a task checks before it is claimed, released or completed.</summary>
public enum TaskRule
{
    /// <summary>The task is done or cancelled.</summary>
    NotOpen,

    /// <summary>The actor is neither the assigned user nor a member of the assigned role.</summary>
    NotAssigned,

    /// <summary>Only a task assigned to a role can be claimed; a person's own task is theirs already.</summary>
    NotARoleTask,

    /// <summary>Only a member of the assigned role may claim the task.</summary>
    NotARoleMember,

    /// <summary>Another member claimed the task first.</summary>
    AlreadyClaimed,

    /// <summary>Nobody has claimed the task, so there is nothing to release.</summary>
    NotClaimed,

    /// <summary>Only the claimer (or an administrator) may release a claim.</summary>
    NotTheClaimer,

    /// <summary>The task is claimed by another member; only the claimer may complete it.</summary>
    ClaimedByAnother,

    /// <summary>The task is delegated; the delegate works on it and sends it back before the owner completes it.</summary>
    Delegated,

    /// <summary>The delegate sends the task back to its owner (resolve); only the owner completes it.</summary>
    DelegateMayNotComplete,
}
