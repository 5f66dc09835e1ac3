namespace Butler.Workflows.Calendar;

/// <summary>A day that differs from Monday–Friday: a day off (holiday) or an adjusted working day (调休).</summary>
public sealed record CalendarDay(DateOnly Date, bool IsOffDay, string Name);
