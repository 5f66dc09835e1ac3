namespace Butler.Workflows.Calendar;

/// <summary>A stored working-day calendar: its special days (holidays and adjusted working days) and published years.</summary>
public sealed class WorkCalendarRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>JSON array of <c>{date: "yyyy-MM-dd", isOffDay: bool, name: string}</c>; unlisted days follow Monday–Friday.</summary>
    public string DaysJson { get; set; } = "[]";

    /// <summary>JSON array of the years whose official arrangement is in <see cref="DaysJson"/>.</summary>
    public string YearsJson { get; set; } = "[]";
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>Optimistic concurrency token for two administrators editing at once.</summary>
    public int Revision { get; set; }
}
