using Butler.Workflows.Calendar;
using Xunit;

namespace Butler.Workflows.Tests.Calendar;

public sealed class BusinessDurationTests
{
    [Theory]
    [InlineData("3wd", 3, "3wd")]
    [InlineData("-1wd", -1, "-1wd")]
    [InlineData("0wd", 0, "0wd")]
    [InlineData("+2wd", 2, "2wd")]
    [InlineData(" 5WD ", 5, "5wd")]
    public void Working_days_parse_to_a_signed_count_with_canonical_text(string text, int days, string canonical)
    {
        Assert.True(BusinessDuration.TryParse(text, out var duration, out var problem));

        Assert.Equal(BusinessDurationProblem.None, problem);
        Assert.True(duration.IsWorkingDays);
        Assert.Equal(days, duration.WorkingDays);
        Assert.Equal(TimeSpan.Zero, duration.Time);
        Assert.Equal(canonical, duration.ToString());
    }

    [Theory]
    [InlineData("PT4H", 4 * 60, "PT4H")]
    [InlineData("P2D", 48 * 60, "P2D")]
    [InlineData("-PT2H", -2 * 60, "-PT2H")]
    [InlineData("PT0S", 0, "PT0S")]
    [InlineData("P1DT2H", 26 * 60, "P1DT2H")]
    [InlineData("PT90M", 90, "PT1H30M")]
    [InlineData("PT1M", 1, "PT1M")]
    public void Iso_durations_parse_to_elapsed_time_with_canonical_text(string text, int minutes, string canonical)
    {
        var duration = BusinessDuration.Parse(text);

        Assert.False(duration.IsWorkingDays);
        Assert.Equal(0, duration.WorkingDays);
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration.Time);
        Assert.Equal(canonical, duration.ToString());
    }

    [Theory]
    [InlineData("P1Y", BusinessDurationProblem.YearsOrMonths)]
    [InlineData("P1M", BusinessDurationProblem.YearsOrMonths)]
    [InlineData("P1Y2M3D", BusinessDurationProblem.YearsOrMonths)]
    [InlineData("-P3M", BusinessDurationProblem.YearsOrMonths)]
    [InlineData("", BusinessDurationProblem.Missing)]
    [InlineData("   ", BusinessDurationProblem.Missing)]
    [InlineData("3", BusinessDurationProblem.Unknown)]
    [InlineData("3d", BusinessDurationProblem.Unknown)]
    [InlineData("wd", BusinessDurationProblem.NotWholeWorkingDays)]
    [InlineData("1.5wd", BusinessDurationProblem.NotWholeWorkingDays)]
    [InlineData("1001wd", BusinessDurationProblem.TooManyWorkingDays)]
    [InlineData("P", BusinessDurationProblem.NotIso)]
    [InlineData("PT", BusinessDurationProblem.NotIso)]
    [InlineData("P2W", BusinessDurationProblem.NotIso)]
    [InlineData("pt4h", BusinessDurationProblem.Unknown)]
    public void Unreadable_durations_are_refused_with_a_reason(string text, BusinessDurationProblem reason)
    {
        Assert.False(BusinessDuration.TryParse(text, out _, out var problem));

        Assert.Equal(reason, problem);
        var thrown = Assert.Throws<FormatException>(() => BusinessDuration.Parse(text));
        Assert.Contains(reason.ToString(), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_duration_is_refused()
    {
        Assert.False(BusinessDuration.TryParse(null, out _, out var problem));
        Assert.Equal(BusinessDurationProblem.Missing, problem);
    }

    [Fact]
    public void Durations_with_the_same_meaning_are_equal()
    {
        Assert.Equal(BusinessDuration.Parse("PT90M"), BusinessDuration.Parse("PT1H30M"));
        Assert.Equal(BusinessDuration.FromWorkingDays(3), BusinessDuration.Parse("3wd"));
        Assert.NotEqual(BusinessDuration.Parse("0wd"), BusinessDuration.Parse("PT0S"));
    }
}
