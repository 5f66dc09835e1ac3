using System.Globalization;

namespace Butler.Host.Components;

/// <summary>
/// Money, working days and times as a reader of the current UI language reads them: amounts in CNY as 亿元/万元/元 in
/// zh-CN and "CNY 1.5 bn"/"CNY 3.0 m" in English, durations with their unit, times in the deployment's time zone.
/// </summary>
/// <remarks>
/// Words follow <see cref="CultureInfo.CurrentUICulture"/> and digits <see cref="CultureInfo.CurrentCulture"/>, as the
/// request localization sets them; a culture passed in decides both (tests, exports).
/// </remarks>
public static class Formats
{
    private const decimal Yi = 100_000_000m;
    private const decimal Wan = 10_000m;
    private const decimal Billion = 1_000_000_000m;
    private const decimal Million = 1_000_000m;

    /// <summary>
    /// An amount in yuan: in Chinese ≥ 1 亿 as 亿元, ≥ 1 万 as 万元, else 元, with up to two decimals and no trailing zeros
    /// ("1.5 亿元", "300 万元", "0 元"); in English ≥ 1 bn as "CNY 1.5 bn", ≥ 1 m as "CNY 3.0 m" (one or two decimals), else
    /// "CNY 12,345". An amount that rounds up to the next unit is written in it (99,999,999 is "1 亿元", not "10,000 万元").
    /// </summary>
    public static string Money(decimal yuan, CultureInfo? culture = null)
    {
        var numbers = culture ?? CultureInfo.CurrentCulture;
        if (IsEnglish(culture))
        {
            return Scaled(yuan, Billion) is { } bn ? $"CNY {bn.ToString("#,##0.0#", numbers)} bn"
                : Scaled(yuan, Million) is { } m ? $"CNY {m.ToString("#,##0.0#", numbers)} m"
                : $"CNY {yuan.ToString("#,##0.##", numbers)}";
        }
        return Scaled(yuan, Yi) is { } yi ? $"{yi.ToString("#,##0.##", numbers)} 亿元"
            : Scaled(yuan, Wan) is { } wan ? $"{wan.ToString("#,##0.##", numbers)} 万元"
            : $"{yuan.ToString("#,##0.##", numbers)} 元";
    }

    /// <summary>The unit a chart of amounts counts in: 亿元 in Chinese, billions of CNY in English.</summary>
    public static MoneyScale ChartScale(CultureInfo? culture = null) =>
        IsEnglish(culture) ? new(Billion, "CNY bn") : new(Yi, "亿元");

    /// <summary>"93.5 个工作日" / "93.5 working days" ("1 working day"), one decimal at most.</summary>
    public static string WorkingDays(double days, CultureInfo? culture = null)
    {
        var number = days.ToString("#,##0.#", culture ?? CultureInfo.CurrentCulture);
        return IsEnglish(culture)
            ? $"{number} {(number == "1" ? "working day" : "working days")}"
            : $"{number} 个工作日";
    }

    /// <summary>A moment as a local date and time in <paramref name="zone"/> (the deployment's time zone), yyyy-MM-dd HH:mm.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The local date of a moment in <paramref name="zone"/>.</summary>
    public static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static bool IsEnglish(CultureInfo? culture) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en";

    /// <summary>The amount in <paramref name="unit"/>s rounded to two decimals, or null when that is less than one.</summary>
    private static decimal? Scaled(decimal yuan, decimal unit)
    {
        var scaled = Math.Round(yuan / unit, 2, MidpointRounding.AwayFromZero);
        return Math.Abs(scaled) >= 1 ? scaled : null;
    }
}
