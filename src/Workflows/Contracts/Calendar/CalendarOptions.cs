namespace Butler.Workflows.Calendar;

/// <summary>The deployment's time zone and the end of a working day; the host binds them from configuration.</summary>
public sealed class CalendarOptions
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    /// <summary>An IANA (or, on Windows, a Windows) time-zone id; the calendar's days are local dates there.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>The local time at which a working day ends; working-day deadlines fall then.</summary>
    public TimeOnly WorkdayEnd { get; set; } = new(18, 0);

    /// <summary>The <see cref="TimeZoneInfo"/> for <see cref="TimeZone"/>.</summary>
    /// <exception cref="InvalidOperationException">The id names no time zone known to this machine.</exception>
    public TimeZoneInfo ResolveTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new InvalidOperationException($"The time zone '{TimeZone}' is not known on this machine; use an IANA id such as {DefaultTimeZone}.", e);
        }
    }
}
