namespace Butler.Host.Api.Proxies;

/// <summary>The instants a proxy for days of a trip holds: from the first day's start to the last day's end, in the district's time zone.</summary>
public static class TripDays
{
    public static (DateTimeOffset From, DateTimeOffset Until) Span(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (StartOf(first, zone), StartOf(last.AddDays(1), zone));
    }

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
