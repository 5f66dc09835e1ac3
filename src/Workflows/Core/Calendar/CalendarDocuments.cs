using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Butler.Workflows.Calendar;

/// <summary>A calendar as listed: its published years and how many special days it has.</summary>
public sealed record CalendarSummary(string Id, string Name, IReadOnlyList<int> Years, int DayCount,
    DateTimeOffset UpdatedAt, string? UpdatedBy, int Revision);

/// <summary>A stored calendar with its special days, as administrators read and edit it.</summary>
public sealed record CalendarDocument(string Id, string Name, IReadOnlyList<int> Years, IReadOnlyList<CalendarDay> Days,
    DateTimeOffset UpdatedAt, string? UpdatedBy, int Revision)
{
    public static CalendarDocument From(WorkCalendarRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.Name, CalendarJson.ReadYears(record), CalendarJson.ReadDays(record),
            record.UpdatedAt, record.UpdatedBy, record.Revision);
    }
}

/// <summary>A special day as submitted, unchecked; <see cref="CalendarService.SaveAsync"/> validates it.</summary>
public sealed record CalendarDayInput(string? Date, bool? IsOffDay, string? Name);

/// <summary>The JSON columns of <see cref="WorkCalendarRecord"/>.</summary>
internal static class CalendarJson
{
    // Readable Chinese day names in the column; the text is data, never embedded in HTML.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IReadOnlyList<CalendarDay> ReadDays(WorkCalendarRecord record) =>
        Read<List<CalendarDay>>(record, record.DaysJson, nameof(WorkCalendarRecord.DaysJson));

    public static IReadOnlyList<int> ReadYears(WorkCalendarRecord record) =>
        Read<List<int>>(record, record.YearsJson, nameof(WorkCalendarRecord.YearsJson));

    public static string WriteDays(IEnumerable<CalendarDay> days) =>
        JsonSerializer.Serialize(days.OrderBy(d => d.Date).ToList(), Options);

    public static string WriteYears(IEnumerable<int> years) =>
        JsonSerializer.Serialize(years.Distinct().Order().ToList(), Options);

    private static T Read<T>(WorkCalendarRecord record, string json, string column) where T : new()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? new T();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The {column} of calendar '{record.Id}' is not valid JSON.", e);
        }
    }
}
