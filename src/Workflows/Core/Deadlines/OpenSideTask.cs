namespace Butler.Workflows.Deadlines;

/// <summary>
/// Opens a work item beside the flow for the escalated task's activity (no bookmark: completing it does not move the
/// flow), e.g. a leader's on-site office. <paramref name="Note"/> names it in the journal.
/// </summary>
public sealed record OpenSideTask(string Kind, Activities.LocalizedText Title, string AssigneeUser, IReadOnlyList<string> Outcomes, string Note) : EscalationOperation;
