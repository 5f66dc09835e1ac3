using System.Globalization;
using Butler.Host.Configuration;
using Butler.Workflows.Calendar;

namespace Butler.Host.Api.Calendars;

public static class CalendarConfiguration
{
    /// <summary>
    /// Binds <c>Butler:TimeZone</c> (default Asia/Shanghai) and <c>Butler:Calendar:WorkdayEnd</c> (default 18:00) to
    /// <see cref="CalendarOptions"/>; a bad value stops the host at start-up with the key named.
    /// </summary>
    public static WebApplicationBuilder AddButlerCalendar(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ButlerOptions.Section);
        builder.Services.AddOptions<CalendarOptions>()
            .Configure(o =>
            {
                if (section["TimeZone"] is { Length: > 0 } zone)
                {
                    o.TimeZone = zone.Trim();
                }
                if (section["Calendar:WorkdayEnd"] is { Length: > 0 } end)
                {
                    o.WorkdayEnd = TimeOnly.TryParse(end, CultureInfo.InvariantCulture, out var parsed)
                        ? parsed
                        : throw new InvalidOperationException($"{ButlerOptions.Section}:Calendar:WorkdayEnd '{end}' is not a time of day such as 18:00.");
                }
            })
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                $"{ButlerOptions.Section}:TimeZone names no time zone known to this machine; use an IANA id such as {CalendarOptions.DefaultTimeZone}.")
            .ValidateOnStart();
        return builder;
    }
}
