using Butler.Workflows.Input;
using Xunit;

namespace Butler.Workflows.Tests.Input;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("漯河食品", false, -1)]
    [InlineData("a\u0000b", true, 1)]
    [InlineData("a\u0001b", true, 1)]
    [InlineData("a\u007fb", true, 1)]
    [InlineData("a\u0085b", true, 1)]
    [InlineData("line\nline\ttab\r\n", true, -1)]
    [InlineData("line\nline", false, 4)]
    [InlineData("tab\t", false, 3)]
    [InlineData("😀 emoji", false, -1)]
    public void Control_characters_and_broken_surrogates_are_found_line_breaks_only_in_single_line_values(string text, bool multiLine, int at)
    {
        Assert.Equal(at, InputRules.FindRefusedCharacter(text, multiLine));
    }

    [Fact]
    public void Half_a_surrogate_pair_is_refused_and_a_whole_pair_is_not()
    {
        // Built at run time: a test runner turns a lone surrogate in attribute data into U+FFFD.
        Assert.Equal(5, InputRules.FindRefusedCharacter("half " + (char)0xD800 + " pair", multiLine: true));
        Assert.Equal(0, InputRules.FindRefusedCharacter(((char)0xDC00).ToString(), multiLine: true));
        Assert.Equal(1, InputRules.FindRefusedCharacter("a" + (char)0xDC00 + (char)0xD800, multiLine: true));
        Assert.Equal(-1, InputRules.FindRefusedCharacter("a" + (char)0xD83D + (char)0xDE00, multiLine: false));
    }

    [Fact]
    public void A_name_is_required_one_line_and_at_most_200_characters()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Equal("漯河食品", InputRules.Name("  漯河食品 ", "company", errors));
        Assert.Empty(errors);
        InputRules.Name(" ", "a", errors);
        InputRules.Name("x\ny", "b", errors);
        InputRules.Name(new string('名', 201), "c", errors);
        InputRules.Name("x\u0000", "d", errors);

        Assert.Equal("a is required.", errors["a"][0]);
        Assert.Contains("one line", errors["b"][0], StringComparison.Ordinal);
        Assert.Equal("c has at most 200 characters.", errors["c"][0]);
        Assert.Contains("U+0000", errors["d"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_line_text_keeps_its_line_breaks_and_blank_is_null()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Equal("一\n二\t三", InputRules.Text(" 一\n二\t三 ", "note", errors));
        Assert.Null(InputRules.Text("  ", "note", errors));
        Assert.Empty(errors);
        InputRules.Text("", "required", errors, required: true);
        InputRules.Text("x\u0007", "bell", errors);
        Assert.Equal(["bell", "required"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2000-01-01", true)]
    [InlineData("2100-12-31", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("2101-01-01", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    public void Dates_lie_from_2000_to_2100(string day, bool taken)
    {
        var errors = new Dictionary<string, string[]>();

        InputRules.Date(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "date", errors);

        Assert.Equal(taken, errors.Count == 0);
    }

    [Theory]
    [InlineData("2026-03", "2026-03-01")]
    [InlineData("0001-01", null)]
    [InlineData("2101-01", null)]
    [InlineData("2026-3", null)]
    [InlineData("2026-13", null)]
    [InlineData("March", null)]
    public void A_month_is_yyyy_MM_from_2000_to_2100(string text, string? first)
    {
        var errors = new Dictionary<string, string[]>();

        var month = InputRules.Month(text, "month", errors);

        Assert.Equal(first, month?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(first is null, errors.ContainsKey("month"));
    }

    [Fact]
    public void An_instant_is_returned_in_UTC_and_must_lie_in_range_and_after_a_given_moment()
    {
        var errors = new Dictionary<string, string[]>();
        var now = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

        var due = InputRules.Instant(new DateTimeOffset(2026, 9, 2, 8, 0, 0, TimeSpan.FromHours(8)), "dueAt", errors, after: now);
        InputRules.Instant(now.AddHours(-1), "past", errors, after: now);
        InputRules.Instant(new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero), "far", errors);
        InputRules.Instant(null, "missing", errors, required: true);

        Assert.Equal(TimeSpan.Zero, due!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 9, 2, 0, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(["far", "missing", "past"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0, false, true)]
    [InlineData(0, true, false)]
    [InlineData(-1, false, false)]
    [InlineData(10_000_000_000_000, true, true)]
    [InlineData(10_000_000_000_001, false, false)]
    public void An_amount_is_CNY_from_0_or_above_0_to_ten_trillion(long amount, bool positive, bool taken)
    {
        var errors = new Dictionary<string, string[]>();

        InputRules.Amount(amount, "amount", errors, positive: positive);

        Assert.Equal(taken, errors.Count == 0);
    }

    [Fact]
    public void An_export_replaces_what_XML_and_PostgreSQL_refuse_and_keeps_the_rest()
    {
        Assert.Equal("a\uFFFDb\n\t😀\uFFFD", InputRules.ForExport("a\u0000b\n\t😀" + (char)0xD800));
        Assert.Equal("a\uFFFDb", InputRules.ForExport("a\nb", multiLine: false));
        Assert.Equal("", InputRules.ForExport(null));
    }
}
