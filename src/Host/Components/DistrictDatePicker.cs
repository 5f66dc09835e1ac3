using System.Globalization;
using MudBlazor;

namespace Butler.Host.Components;

/// <summary>
/// The application's date picker: a <see cref="MudDatePicker"/> that names months and weekdays in the reader's language
/// and starts the week on Monday, as the district's working week does. Use it instead of <c>MudDatePicker</c>.
/// </summary>
/// <remarks>A page may still pass <c>Culture</c> or <c>FirstDayOfWeek</c>; these are only the defaults.</remarks>
public class DistrictDatePicker : MudDatePicker
{
    private static readonly CultureInfo ChineseMonday = Monday(UiText.Chinese);
    private static readonly CultureInfo EnglishMonday = Monday("en-GB");

    /// <summary>The reader's culture (zh-CN or English) with the week starting on Monday.</summary>
    public static CultureInfo ReaderCulture => UiText.IsEnglish ? EnglishMonday : ChineseMonday;

    public override Task SetParametersAsync(Microsoft.AspNetCore.Components.ParameterView parameters)
    {
        // Defaults first: parameters the page passes overwrite them.
        Culture = ReaderCulture;
        FirstDayOfWeek = DayOfWeek.Monday;
        return base.SetParametersAsync(parameters);
    }

    private static CultureInfo Monday(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        culture.DateTimeFormat.FirstDayOfWeek = DayOfWeek.Monday;
        return CultureInfo.ReadOnly(culture);
    }
}
