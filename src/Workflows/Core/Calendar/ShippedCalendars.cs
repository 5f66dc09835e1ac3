using System.Globalization;
using System.Text.Json;

namespace Butler.Workflows.Calendar;

/// <summary>The calendars shipped inside the engine: <c>cn</c>, from the holiday-cn files embedded under <c>Calendar/Data</c>.</summary>
public static class ShippedCalendars
{
    public const string ChinaMainlandId = "cn";
    public const string ChinaMainlandName = "中国大陆法定节假日 / Mainland China public holidays";

    /// <summary>
    /// A calendar's name for a reader: the shipped calendar's stored name in the reader's language; any other name as
    /// the administrator wrote it.
    /// </summary>
    public static Activities.LocalizedText NameOf(string? stored) =>
        stored == ChinaMainlandName ? new("Mainland China public holidays", "中国大陆法定节假日") : new Activities.LocalizedText(stored ?? "");

    private const string ResourcePrefix = "Butler.Workflows.Calendar.Data.holidays-cn.";

    private static readonly Lazy<(IReadOnlyList<CalendarDay> Days, IReadOnlyList<int> Years)> ChinaMainlandData = new(LoadChinaMainland);

    /// <summary>The special days and published years of every embedded mainland-China file.</summary>
    public static (IReadOnlyList<CalendarDay> Days, IReadOnlyList<int> Years) ChinaMainlandArrangements() => ChinaMainlandData.Value;

    /// <summary>The shipped <c>cn</c> calendar in memory, with the given (or default) time zone and end of day.</summary>
    public static WorkingCalendar ChinaMainland(CalendarOptions? options = null)
    {
        options ??= new CalendarOptions();
        var (days, years) = ChinaMainlandArrangements();
        return new WorkingCalendar(ChinaMainlandId, ChinaMainlandName, days, years, options.ResolveTimeZone(), options.WorkdayEnd);
    }

    private static (IReadOnlyList<CalendarDay> Days, IReadOnlyList<int> Years) LoadChinaMainland()
    {
        var assembly = typeof(ShippedCalendars).Assembly;
        var days = new List<CalendarDay>();
        var years = new List<int>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            var year = root.GetProperty("year").GetInt32();
            foreach (var day in root.GetProperty("days").EnumerateArray())
            {
                var date = DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                days.Add(new CalendarDay(date, day.GetProperty("isOffDay").GetBoolean(), day.GetProperty("name").GetString() ?? ""));
            }
            years.Add(year);
        }
        if (years.Count == 0)
        {
            throw new InvalidOperationException($"No embedded holiday files under '{ResourcePrefix}'; check the EmbeddedResource item of Butler.Workflows.csproj.");
        }
        // A holiday across New Year may appear in both years' files; the later file is the newer notice.
        var distinct = days.GroupBy(d => d.Date).Select(g => g.Last()).OrderBy(d => d.Date).ToArray();
        return (distinct, years.Order().ToArray());
    }
}
