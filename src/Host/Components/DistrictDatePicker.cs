using System.Globalization;
using Butler.Workflows.Calendar;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Butler.Host.Components;

/// <summary>
/// The application's date picker: a <see cref="MudDatePicker"/> that names months and weekdays in the reader's language,
/// starts the week on Monday, as the district's working week does, and marks the deployment calendar's holidays (休) and
/// adjusted working days (班), as Chinese calendars do. Use it instead of <c>MudDatePicker</c>.
/// </summary>
/// <remarks>A page may still pass <c>Culture</c> or <c>FirstDayOfWeek</c>; these are only the defaults.</remarks>
public class DistrictDatePicker : MudDatePicker
{
    private static readonly CultureInfo ChineseMonday = Monday(UiText.Chinese);
    private static readonly CultureInfo EnglishMonday = Monday("en-GB");

    /// <summary>The reader's culture (zh-CN or English) with the week starting on Monday.</summary>
    public static CultureInfo ReaderCulture => UiText.IsEnglish ? EnglishMonday : ChineseMonday;

    /// <summary>The class of a listed holiday that falls on a weekday or weekend (the page's CSS marks it 休 / off).</summary>
    public const string RestDayClass = "butler-rest-day";

    /// <summary>The class of a weekend day worked in exchange for a holiday (调休; marked 班 / work).</summary>
    public const string MakeUpDayClass = "butler-makeup-day";

    private WorkingCalendar? _calendar;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        // Defaults first: parameters the page passes overwrite them.
        Culture = ReaderCulture;
        FirstDayOfWeek = DayOfWeek.Monday;
        AdditionalDateClassesFunc = DayClass;
        return base.SetParametersAsync(parameters);
    }

    protected override async Task OnInitializedAsync()
    {
        // The deployment's calendar, when the host has one (a component test may not): cached, so no query per picker.
        if (Services.GetService<CalendarService>() is { } calendars && Services.GetService<IOptions<RunnerOptions>>() is { } runner)
        {
            _calendar = calendars.TryGetCached(runner.Value.CalendarId) ?? await calendars.GetAsync(runner.Value.CalendarId);
        }
        await base.OnInitializedAsync();
    }

    /// <summary>The mark of a day: a holiday, an adjusted working day, or none.</summary>
    public static string DayClass(WorkingCalendar? calendar, DateOnly day) => calendar?.Special(day) switch
    {
        { IsOffDay: true } => RestDayClass,
        { IsOffDay: false } => MakeUpDayClass,
        null => "",
    };

    private string DayClass(DateTime day) => DayClass(_calendar, DateOnly.FromDateTime(day));

    private static CultureInfo Monday(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        culture.DateTimeFormat.FirstDayOfWeek = DayOfWeek.Monday;
        return CultureInfo.ReadOnly(culture);
    }
}
