using Cronos;

namespace Butler.Workflows.Onboarding;

/// <summary>Week arithmetic and the cron of the weekly dispatch, in the deployment's time zone.</summary>
public static class DispatchSchedule
{
    /// <summary>The Monday of the week an instant falls in, in <paramref name="zone"/>.</summary>
    public static DateOnly WeekOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return WeekOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime));
    }

    /// <summary>The Monday of the week of a date.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Parses a cron expression as Hangfire reads it: five fields, or six with seconds first.</summary>
    public static bool TryParse(string? cron, out CronExpression? expression)
    {
        expression = null;
        if (string.IsNullOrWhiteSpace(cron))
        {
            return false;
        }
        var text = cron.Trim();
        var format = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(text, format, out expression);
    }

    /// <summary>
    /// The latest scheduled occurrence at or before <paramref name="now"/> (the day a missed run belongs to); null when the
    /// expression never fired before now.
    /// </summary>
    /// <exception cref="ArgumentException">The expression does not parse.</exception>
    public static DateTimeOffset? LatestOccurrence(string cron, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (!TryParse(cron, out var expression))
        {
            throw new ArgumentException($"'{cron}' is not a cron expression.", nameof(cron));
        }
        return expression!.GetPreviousOccurrence(now, zone, inclusive: true);
    }
}
