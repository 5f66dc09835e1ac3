namespace Butler.Workflows.Calendar;

/// <summary>When a deadline falls, and the years it crossed that have no published arrangement (weekends only there).</summary>
public sealed record DueResult(DateTimeOffset Due, IReadOnlyList<int> CalendarYearsMissing);
