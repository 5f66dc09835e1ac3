using Butler.Workflows.Calendar;

namespace Butler.Workflows.Deadlines;

/// <summary>
/// One step of an escalation ladder: how long after the due time it fires, whom it notifies, which approval it opens,
/// or (超时自动处理) the outcome it completes the task or decides the approval with itself.
/// </summary>
/// <param name="Index">The step's position in the ladder as written; a timer names its step by it.</param>
public sealed record EscalationStep(int Index, BusinessDuration After, IReadOnlyList<EscalationRecipient> Notify, EscalationApproval? Approval,
    string? ActionOutcome = null);
