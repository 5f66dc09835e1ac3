using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Butler.Host.Api.Projects;

namespace Butler.Host.Components.Projects;

/// <summary>
/// A timeline line's text as the reader reads it: an investment, a stage change, a new project and a closing are written
/// from their data in the reader's words (never "signed → permits"), and an
/// amount the ledger wrote as "150000000 CNY" is shown in the reader's units ("1.5 亿元", "CNY 150.0 m").
/// </summary>
public static partial class TimelineText
{
    public static string Of(TimelineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var data = item.Data as JsonObject;
        switch (item.Kind)
        {
            case "investment" when Text(data, "month") is { } label && Number(data, "amount") is { } yuan:
                return $"{label}{UiText.Pick("：", ": ")}{Formats.Money(yuan)}";
            case "stageChanged" when Text(data, "from") is { } from && Text(data, "to") is { } to:
                return $"{UiText.StageName(from)} → {UiText.StageName(to)}";
            case "created" when Text(data, "name") is { } name && Text(data, "company") is { } company && Number(data, "plannedInvestment") is { } planned:
                return UiText.Pick($"{name}（{company}）：计划投资 {Formats.Money(planned)}", $"{name} ({company}): {Formats.Money(planned)} planned");
            case "closed":
                return UiText.ClosingName(item.Text);
        }
        return AmountInCny().Replace(item.Text, m => Formats.Money(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    private static string? Text(JsonObject? data, string name) =>
        data?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrEmpty(text) ? text : null;

    private static decimal? Number(JsonObject? data, string name) =>
        data?[name] is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : null;

    [GeneratedRegex(@"(?<![\d.])(\d+(?:\.\d+)?) CNY\b")]
    private static partial Regex AmountInCny();
}
