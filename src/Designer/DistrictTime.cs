using System.Globalization;
using Butler.Workflows.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Butler.Designer;

/// <summary>
/// Times as the district reads them: converted from UTC to the deployment's time zone (<see cref="CalendarOptions.TimeZone"/>,
/// which the host configures; Asia/Shanghai when it does not) and written yyyy-MM-dd HH:mm.
/// </summary>
public static class DistrictTime
{
    private static readonly TimeZoneInfo Default =
        TimeZoneInfo.TryFindSystemTimeZoneById(CalendarOptions.DefaultTimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The host's configured zone, or the default one when the designer runs without the host's options (tests).</summary>
    public static TimeZoneInfo Zone(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<IOptions<CalendarOptions>>()?.Value is { } options ? options.ResolveTimeZone() : Default;
    }

    public static string Format(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
