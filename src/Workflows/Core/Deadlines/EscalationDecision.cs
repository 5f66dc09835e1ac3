using Butler.Workflows.Runtime;

namespace Butler.Workflows.Deadlines;

/// <summary>An escalation approval decided about a task that is still open: the task, the approval, the deciding vote.</summary>
public sealed record EscalationDecision(WorkItem Task, Approval Approval, ApprovalVote Vote, DateTimeOffset At);
