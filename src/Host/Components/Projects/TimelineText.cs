using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Butler.Host.Api.Projects;

namespace Butler.Host.Components.Projects;

/// <summary>
/// A timeline line's text as the reader reads it: an investment entry is written from its data (month and amount), and an
/// amount the ledger wrote as "150000000 CNY" is shown in the reader's units ("1.5 亿元", "CNY 150.0 m").
/// </summary>
public static partial class TimelineText
{
    public static string Of(TimelineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Kind == "investment" && item.Data is JsonObject data
            && data["month"] is JsonValue month && month.TryGetValue<string>(out var label)
            && data["amount"] is JsonValue amount && amount.TryGetValue<decimal>(out var yuan))
        {
            return $"{label}{UiText.Pick("：", ": ")}{Formats.Money(yuan)}";
        }
        return AmountInCny().Replace(item.Text, m => Formats.Money(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"(?<![\d.])(\d+(?:\.\d+)?) CNY\b")]
    private static partial Regex AmountInCny();
}
