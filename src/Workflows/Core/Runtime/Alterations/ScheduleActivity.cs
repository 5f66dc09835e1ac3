namespace Butler.Workflows.Runtime.Alterations;

/// <summary>Puts a token at an activity and runs it, as if a connection had led there; resumes a faulted instance.</summary>
public sealed record ScheduleActivity(string ActivityId) : Alteration;
