using System.Globalization;
using System.Text.Json.Nodes;
using Bunit;
using Butler.Host.Api.Projects;
using Butler.Host.Components;
using Butler.Host.Components.Projects;
using MudBlazor;

namespace Butler.Host.Tests.Components;

/// <summary>Money, working days and dates as a zh-CN or English reader reads them.</summary>
public sealed class FormatsTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData(150_000_000, "1.5 亿元")]
    [InlineData(3_000_000_000, "30 亿元")]
    [InlineData(123_456_789_000, "1,234.57 亿元")]
    [InlineData(99_999_999, "1 亿元")]
    [InlineData(3_000_000, "300 万元")]
    [InlineData(12_345, "1.23 万元")]
    [InlineData(9_949, "9,949 元")]
    [InlineData(9_999, "1 万元")]
    [InlineData(0, "0 元")]
    public void A_chinese_reader_reads_yi_and_wan_yuan(long yuan, string expected) =>
        Assert.Equal(expected, Formats.Money(yuan, Chinese));

    [Theory]
    [InlineData(150_000_000, "CNY 150.0 m")]
    [InlineData(1_500_000_000, "CNY 1.5 bn")]
    [InlineData(3_000_000_000, "CNY 3.0 bn")]
    [InlineData(2_345_000_000, "CNY 2.35 bn")]
    [InlineData(999_999_999, "CNY 1.0 bn")]
    [InlineData(3_000_000, "CNY 3.0 m")]
    [InlineData(12_345, "CNY 12,345")]
    [InlineData(0, "CNY 0")]
    public void An_english_reader_reads_cny_in_billions_and_millions(long yuan, string expected) =>
        Assert.Equal(expected, Formats.Money(yuan, English));

    [Fact]
    public void Money_without_a_culture_follows_the_reader_language_and_never_shows_the_old_units()
    {
        var (ui, digits) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (Chinese, Chinese);
            Assert.Equal("1.5 亿元", Formats.Money(150_000_000m));
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (English, English);
            Assert.Equal("CNY 3.0 bn", Formats.Money(3_000_000_000m));
            Assert.DoesNotContain("100 million", Formats.Money(3_000_000_000m), StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, digits);
        }
    }

    [Fact]
    public void A_chart_of_amounts_counts_in_yi_yuan_or_billions_of_cny()
    {
        Assert.Equal(30, Formats.ChartScale(Chinese).Of(3_000_000_000m));
        Assert.Equal("亿元", Formats.ChartScale(Chinese).Name);
        Assert.Equal(3, Formats.ChartScale(English).Of(3_000_000_000m));
        Assert.Equal("CNY bn", Formats.ChartScale(English).Name);
    }

    [Theory]
    [InlineData(93.5, "zh-CN", "93.5 个工作日")]
    [InlineData(93.5, "en", "93.5 working days")]
    [InlineData(1, "en", "1 working day")]
    [InlineData(3, "zh-CN", "3 个工作日")]
    [InlineData(41.46, "en", "41.5 working days")]
    public void Working_days_carry_their_unit_after_a_space(double days, string culture, string expected) =>
        Assert.Equal(expected, Formats.WorkingDays(days, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void A_time_is_written_in_the_deployment_zone_not_utc()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var lateUtc = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-03-02 07:30", Formats.Time(lateUtc, shanghai));
        Assert.Equal(new DateOnly(2026, 3, 2), Formats.Day(lateUtc, shanghai));
    }

    [Theory]
    [InlineData("zh-CN", "2025-06：3,000 万元", "某项目 (某企业): 1.5 亿元")]
    [InlineData("en", "2025-06: CNY 30.0 m", "某项目 (某企业): CNY 150.0 m")]
    public async Task Timeline_amounts_are_shown_in_the_reader_units(string culture, string investment, string created)
    {
        await using var bunit = MudTestContext.New(culture, formatting: true);
        var at = new DateTimeOffset(2025, 6, 30, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(investment, TimelineText.Of(new TimelineItem(at, "investment", "squad", "2025-06: 30000000 CNY",
            new JsonObject { ["month"] = "2025-06", ["amount"] = 30_000_000m })));
        Assert.Equal(created, TimelineText.Of(new TimelineItem(at, "created", "admin", "某项目 (某企业): 150000000 CNY", null)));
        Assert.Equal("no amount here", TimelineText.Of(new TimelineItem(at, "note", "admin", "no amount here", null)));
    }

    [Fact]
    public async Task The_date_picker_names_weekdays_in_chinese_and_starts_on_monday()
    {
        await using var bunit = MudTestContext.New("zh-CN", formatting: true);

        var picker = bunit.Render<DistrictDatePicker>(p => p
            .Add(x => x.PickerVariant, PickerVariant.Static)
            .Add(x => x.Date, new DateTime(2026, 3, 5)));

        Assert.Equal(["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
            picker.FindAll(".mud-picker-calendar-header-day .mud-day-label").Select(d => d.TextContent));
        Assert.Contains("2026年3月", picker.Find(".mud-button-month").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-10-01", DistrictDatePicker.RestDayClass)]
    [InlineData("2026-02-14", DistrictDatePicker.MakeUpDayClass)]
    [InlineData("2026-03-05", "")]
    [InlineData("2026-03-07", "")]
    public void The_date_picker_marks_holidays_and_adjusted_working_days_from_the_calendar(string day, string mark)
    {
        // 国庆节 is a holiday, Saturday 14 February 2026 is worked for 春节; an ordinary Thursday and Saturday have no mark.
        var calendar = Butler.Workflows.Calendar.ShippedCalendars.ChinaMainland();

        Assert.Equal(mark, DistrictDatePicker.DayClass(calendar, DateOnly.Parse(day, CultureInfo.InvariantCulture)));
        Assert.Equal("", DistrictDatePicker.DayClass(null, DateOnly.Parse(day, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_date_picker_starts_the_week_on_monday_in_english_too()
    {
        await using var bunit = MudTestContext.New("en", formatting: true);

        var picker = bunit.Render<DistrictDatePicker>(p => p
            .Add(x => x.PickerVariant, PickerVariant.Static)
            .Add(x => x.Date, new DateTime(2026, 3, 5)));

        Assert.Equal("Mon", picker.FindAll(".mud-picker-calendar-header-day .mud-day-label")[0].TextContent);
        Assert.Contains("March", picker.Find(".mud-button-month").TextContent, StringComparison.Ordinal);
    }
}
