using Butler.Workflows.Calendar;

namespace Butler.Workflows.Deadlines;

/// <summary>When a task or approval is due: a fixed duration from its start, or an expression giving a duration or a point in time.</summary>
public sealed record DueSpec(BusinessDuration? Duration, string? Expression);
