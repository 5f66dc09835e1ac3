using Butler.Workflows.Activities;

namespace Butler.Workflows.Calendar;

/// <summary>
/// The public holidays of the State Council's arrangements by their official Chinese names, with the English names the
/// government's own English pages use; a name not listed (a holiday an administrator added) reads the same in both.
/// </summary>
public static class HolidayNames
{
    private static readonly Dictionary<string, LocalizedText> Known = new(StringComparer.Ordinal)
    {
        ["元旦"] = new("New Year's Day", "元旦"),
        ["春节"] = new("Spring Festival", "春节"),
        ["清明节"] = new("Qingming Festival", "清明节"),
        ["劳动节"] = new("Labour Day", "劳动节"),
        ["端午节"] = new("Dragon Boat Festival", "端午节"),
        ["中秋节"] = new("Mid-Autumn Festival", "中秋节"),
        ["国庆节"] = new("National Day", "国庆节"),
        ["国庆节、中秋节"] = new("National Day and Mid-Autumn Festival", "国庆节、中秋节"),
    };

    /// <summary>A holiday's name in both languages.</summary>
    public static LocalizedText Of(string? name) => name is not null && Known.TryGetValue(name.Trim(), out var words) ? words : new LocalizedText(name ?? "");
}
