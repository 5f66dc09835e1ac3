namespace Butler.Workflows.Deadlines;

/// <summary>
/// An outcome a domain adds to the approvals escalations open, besides the engine's Approve, Extend and Reassign, and
/// what deciding it does to the escalated task, as operations the engine applies to the run's change set.
/// </summary>
public interface IEscalationOutcome
{
    /// <summary>The outcome's code, as an approval offers it and an approver picks it.</summary>
    string Outcome { get; }

    /// <summary>True when an escalation approval that names no outcomes of its own offers this one.</summary>
    bool OfferedByDefault { get; }

    /// <summary>What to do when the approval of an escalated task that is still open is decided with this outcome.</summary>
    IReadOnlyList<EscalationOperation> Decide(EscalationDecision decision);
}
