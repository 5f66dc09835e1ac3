using System.Collections.Frozen;

namespace Butler.Workflows.Calendar;

/// <summary>
/// An immutable working-day calendar in one time zone: Monday–Friday, except the listed special days. Years not in
/// <see cref="PublishedYears"/> count weekends only, and a computation that touches them reports them.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarDay> _special;
    private readonly FrozenSet<int> _published;

    public WorkingCalendar(string id, string name, IEnumerable<CalendarDay> days, IEnumerable<int> publishedYears,
        TimeZoneInfo timeZone, TimeOnly workdayEnd)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(timeZone);
        Id = id;
        Name = name ?? "";
        Days = days.OrderBy(d => d.Date).ToArray();
        _special = Days.ToFrozenDictionary(d => d.Date);
        PublishedYears = publishedYears.Distinct().Order().ToArray();
        _published = PublishedYears.ToFrozenSet();
        TimeZone = timeZone;
        WorkdayEnd = workdayEnd;
    }

    public string Id { get; }
    public string Name { get; }

    /// <summary>The special days in date order.</summary>
    public IReadOnlyList<CalendarDay> Days { get; }

    /// <summary>The years whose official arrangement is in <see cref="Days"/>, ascending.</summary>
    public IReadOnlyList<int> PublishedYears { get; }

    /// <summary>The zone whose local dates are the calendar's days.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The local time at which a working day ends; working-day deadlines fall then.</summary>
    public TimeOnly WorkdayEnd { get; }

    public bool IsPublished(int year) => _published.Contains(year);

    /// <summary>A listed special day decides; otherwise Monday–Friday are working days.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _special.TryGetValue(date, out var day)
            ? !day.IsOffDay
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The special day listed for a date (a holiday or an adjusted working day), if any.</summary>
    public CalendarDay? Special(DateOnly date) => _special.TryGetValue(date, out var day) ? day : null;

    /// <summary>Whole working days between the day of <paramref name="due"/> and the day of <paramref name="now"/> (0 when not late).</summary>
    public int WorkingDaysLate(DateTimeOffset due, DateTimeOffset now)
    {
        if (now <= due)
        {
            return 0;
        }
        return WorkingDaysBetween(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, TimeZone).Date),
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).Date));
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (次日起算).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from.AddDays(1); d <= to && days < 10_000; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                days++;
            }
        }
        return days;
    }

    public CalendarDay? SpecialDay(DateOnly date) => _special.GetValueOrDefault(date);

    /// <summary>
    /// Adds a duration to an instant. <c>Nwd</c> (N &gt; 0) counts N working days from the day after
    /// <paramref name="from"/>'s local date (次日起算) and is due at <see cref="WorkdayEnd"/> of the Nth.
    /// <c>-Nwd</c> steps back N working days from <paramref name="from"/>'s local date and keeps its local time of day
    /// (reminders before a due time). <c>0wd</c> is <paramref name="from"/>. ISO 8601 durations add elapsed time.
    /// The result carries the calendar time zone's offset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would leave the range of dates.</exception>
    public DueResult Add(DateTimeOffset from, BusinessDuration duration)
    {
        if (!duration.IsWorkingDays)
        {
            return new(TimeZoneInfo.ConvertTime(from + duration.Time, TimeZone), []);
        }
        var local = TimeZoneInfo.ConvertTime(from, TimeZone);
        if (duration.WorkingDays == 0)
        {
            return new(local, []);
        }
        var missing = new SortedSet<int>();
        var step = Math.Sign(duration.WorkingDays);
        var remaining = Math.Abs(duration.WorkingDays);
        var date = DateOnly.FromDateTime(local.DateTime);
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (!_published.Contains(date.Year))
            {
                missing.Add(date.Year);
            }
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }
        var time = step > 0 ? WorkdayEnd : TimeOnly.FromDateTime(local.DateTime);
        return new(AtLocal(date, time), missing.ToArray());
    }

    /// <summary>A local wall-clock time in the calendar's zone as an instant; a time skipped by a clock change moves forward past the gap.</summary>
    private DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        var wall = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(wall))
        {
            // Read with the offset in force before the gap, the wall time lands the same distance past it.
            var before = TimeZone.GetUtcOffset(wall.AddHours(-3));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(wall, before), TimeZone);
        }
        return new DateTimeOffset(wall, TimeZone.GetUtcOffset(wall));
    }
}
