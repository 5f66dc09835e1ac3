using Butler.Workflows.Calendar;
using Xunit;

namespace Butler.Workflows.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly WorkingCalendar Cn = ShippedCalendars.ChinaMainland();

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, Beijing);

    private static DueResult Add(DateTimeOffset from, string duration) => Cn.Add(from, BusinessDuration.Parse(duration));

    [Fact]
    public void Three_working_days_from_Friday_afternoon_count_the_adjusted_Sunday_and_fall_due_on_Tuesday_evening()
    {
        var result = Add(Local(2026, 9, 18, 15), "3wd");

        Assert.Equal(Local(2026, 9, 22, 18), result.Due);
        Assert.Equal(Beijing, result.Due.Offset);
        Assert.Empty(result.CalendarYearsMissing);
    }

    [Fact]
    public void Three_working_days_from_the_eve_of_National_Day_fall_due_on_the_adjusted_Saturday_after_the_holiday()
    {
        var result = Add(Local(2026, 9, 30, 10), "3wd");

        Assert.Equal(Local(2026, 10, 10, 18), result.Due);
        Assert.Empty(result.CalendarYearsMissing);
    }

    [Fact]
    public void Counting_starts_the_next_day_so_one_working_day_from_Monday_morning_is_due_Tuesday_at_the_end_of_the_day()
    {
        Assert.Equal(Local(2026, 3, 3, 18), Add(Local(2026, 3, 2, 9), "1wd").Due);
    }

    [Fact]
    public void A_task_created_after_hours_still_counts_from_the_next_day()
    {
        Assert.Equal(Local(2026, 3, 3, 18), Add(Local(2026, 3, 2, 22), "1wd").Due);
    }

    [Fact]
    public void Weekends_are_not_working_days()
    {
        Assert.Equal(Local(2026, 3, 9, 18), Add(Local(2026, 3, 5, 10), "2wd").Due);
        Assert.False(Cn.IsWorkingDay(new DateOnly(2026, 3, 7)));
        Assert.False(Cn.IsWorkingDay(new DateOnly(2026, 3, 8)));
        Assert.True(Cn.IsWorkingDay(new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void Statutory_holidays_are_off_and_adjusted_weekend_days_are_working_days()
    {
        Assert.False(Cn.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.False(Cn.IsWorkingDay(new DateOnly(2026, 9, 25)));
        Assert.True(Cn.IsWorkingDay(new DateOnly(2026, 9, 20)));
        Assert.True(Cn.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.False(Cn.IsWorkingDay(new DateOnly(2025, 1, 1)));
        Assert.True(Cn.IsWorkingDay(new DateOnly(2025, 9, 28)));
    }

    [Fact]
    public void A_task_created_on_a_holiday_counts_from_the_first_working_day_after_it()
    {
        Assert.Equal(Local(2026, 10, 8, 18), Add(Local(2026, 10, 3, 11), "1wd").Due);
        Assert.Equal(Local(2026, 10, 9, 18), Add(Local(2026, 10, 1, 9), "2wd").Due);
    }

    [Fact]
    public void The_local_date_in_the_calendar_time_zone_decides_where_counting_starts()
    {
        // 23:00 UTC on Thursday is 07:00 on Friday in Beijing.
        var result = Add(new DateTimeOffset(2026, 9, 17, 23, 0, 0, TimeSpan.Zero), "3wd");

        Assert.Equal(Local(2026, 9, 22, 18), result.Due);
        Assert.Equal(Beijing, result.Due.Offset);
    }

    [Fact]
    public void Negative_working_days_step_back_over_off_days_and_keep_the_time_of_day()
    {
        Assert.Equal(Local(2026, 9, 21, 18), Add(Local(2026, 9, 22, 18), "-1wd").Due);
        Assert.Equal(Local(2026, 9, 29, 18), Add(Local(2026, 10, 8, 18), "-2wd").Due);
        Assert.Equal(Local(2026, 9, 20, 10, 30), Add(Local(2026, 9, 21, 10, 30), "-1wd").Due);
    }

    [Fact]
    public void Zero_working_days_is_the_start_itself()
    {
        var from = new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero);
        var result = Add(from, "0wd");

        Assert.Equal(from, result.Due);
        Assert.Empty(result.CalendarYearsMissing);
    }

    [Theory]
    [InlineData("PT4H", 2026, 9, 18, 19)]
    [InlineData("P2D", 2026, 9, 20, 15)]
    [InlineData("-PT2H", 2026, 9, 18, 13)]
    [InlineData("P1DT2H", 2026, 9, 19, 17)]
    [InlineData("PT0S", 2026, 9, 18, 15)]
    public void Iso_durations_add_elapsed_time_regardless_of_working_days(string duration, int year, int month, int day, int hour)
    {
        var result = Add(Local(2026, 9, 18, 15), duration);

        Assert.Equal(Local(year, month, day, hour), result.Due);
        Assert.Empty(result.CalendarYearsMissing);
    }

    [Fact]
    public void A_deadline_reaching_into_a_year_without_an_arrangement_uses_weekends_only_and_reports_that_year()
    {
        var result = Add(Local(2026, 12, 30, 10), "3wd");

        // 2026-12-31 (Thu), 2027-01-01 (Fri: New Year is not known without the 2027 notice), 2027-01-04 (Mon).
        Assert.Equal(Local(2027, 1, 4, 18), result.Due);
        Assert.Equal([2027], result.CalendarYearsMissing);
        Assert.True(Cn.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(Cn.IsWorkingDay(new DateOnly(2027, 1, 2)));
    }

    [Fact]
    public void A_deadline_within_an_unpublished_year_reports_it_once()
    {
        var result = Add(Local(2027, 3, 1, 9), "5wd");

        Assert.Equal(Local(2027, 3, 8, 18), result.Due);
        Assert.Equal([2027], result.CalendarYearsMissing);
    }

    [Fact]
    public void Stepping_back_into_an_unpublished_year_reports_it()
    {
        var result = Add(Local(2025, 1, 2, 10), "-3wd");

        Assert.Equal(Local(2024, 12, 27, 10), result.Due);
        Assert.Equal([2024], result.CalendarYearsMissing);
    }

    [Fact]
    public void The_workday_end_and_time_zone_come_from_the_calendar()
    {
        var london = new WorkingCalendar("uk", "UK", [new CalendarDay(new DateOnly(2026, 12, 25), true, "Christmas")], [2026],
            TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), new TimeOnly(17, 30));

        var result = london.Add(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero), BusinessDuration.Parse("1wd"));

        Assert.Equal(new DateTimeOffset(2026, 12, 28, 17, 30, 0, TimeSpan.Zero), result.Due);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 17, 30, 0, TimeSpan.FromHours(1)),
            london.Add(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(1)), BusinessDuration.Parse("1wd")).Due);
    }

    [Fact]
    public void The_shipped_calendar_has_the_published_2025_and_2026_arrangements()
    {
        Assert.Equal("cn", Cn.Id);
        Assert.Equal([2025, 2026], Cn.PublishedYears);
        Assert.Equal(TimeSpan.FromHours(8), Cn.TimeZone.BaseUtcOffset);
        Assert.Equal(new TimeOnly(18, 0), Cn.WorkdayEnd);
        Assert.Equal("国庆节", Cn.SpecialDay(new DateOnly(2026, 10, 10))!.Name);
    }
}
