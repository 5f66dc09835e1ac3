using System.Globalization;

namespace Butler.Workflows.Activities;

/// <summary>
/// The two languages Butler speaks and the one rule that picks between them: English for a culture that is English
/// ("en", "en-GB", …), zh-CN for every other culture, an empty one or none (ADR 023).
/// </summary>
/// <remarks>The engine, the host and the designer all ask here; no other code compares culture names.</remarks>
public static class Languages
{
    /// <summary>The district's language, and the default for a reader whose language is not known.</summary>
    public const string Chinese = "zh-CN";

    public const string English = "en";

    /// <summary>The languages a reader may choose, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    /// <summary>True for "en" and any "en-…" culture name, whatever its case.</summary>
    public static bool IsEnglish(string? culture) =>
        culture is not null
        && culture.StartsWith(English, StringComparison.OrdinalIgnoreCase)
        && (culture.Length == English.Length || culture[English.Length] is '-' or '_');

    public static bool IsEnglish(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return IsEnglish(culture.Name);
    }

    /// <summary>The language code (<see cref="Chinese"/> or <see cref="English"/>) a culture name stands for.</summary>
    public static string Of(string? culture) => IsEnglish(culture) ? English : Chinese;

    /// <summary>The language of the current UI culture (the reader's, in a request or a circuit).</summary>
    public static string Current => Of(CultureInfo.CurrentUICulture.Name);

    /// <summary>The text for <paramref name="culture"/>: <paramref name="en"/> when it is English, <paramref name="zh"/> otherwise.</summary>
    public static string Pick(string zh, string en, string? culture) => IsEnglish(culture) ? en : zh;

    /// <summary>The text for the current UI culture.</summary>
    public static string Pick(string zh, string en) => Pick(zh, en, CultureInfo.CurrentUICulture.Name);
}
