using System.Globalization;
using Bunit;
using Butler.Host.Components.Dashboard;
using Butler.Workflows.Onboarding;
using MudBlazor;

namespace Butler.Host.Tests.Components;

/// <summary>The dashboard's figures and charts: numbers for the culture, missing rates explained, every chart with a table.</summary>
public sealed class DashboardTests
{
    private static BunitContext NewContext(string culture = "en") => MudTestContext.New(culture, formatting: true);

    private static DistrictMetrics Metrics(int signed = 18, double? fulfilment = 1.0, double? commencement = 13.0 / 18, double? permits = null) =>
        new(2025, signed, 3.0e9m, fulfilment, commencement, 2.3e9m, 1200, 70, 110, 180, 20, permits, 41.5, 18, 13, 13, 10, "notTerminated",
            [new ChainFigures("health-food", "健康食品", "Health food", 10, 1.5e9m, 1.2e9m)], new LightCounts(1, 2, 3));

    [Fact]
    public void Investment_is_shown_in_the_reader_units_grouped_for_the_culture()
    {
        Assert.Equal("CNY 3.0 bn", DashboardFigures.Investment(3.0e9m, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("30 亿元", DashboardFigures.Investment(3.0e9m, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("1,234.57 亿元", DashboardFigures.Investment(123_456_789_000m, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("CNY 1,234.57 bn", DashboardFigures.Investment(1_234_567_890_000m, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Rates_are_percentages_and_a_rate_without_a_denominator_is_a_dash()
    {
        Assert.Equal("72.2%", DashboardFigures.Rate(13.0 / 18, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("72.2%", DashboardFigures.Rate(13.0 / 18, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("—", DashboardFigures.Rate(null));
        Assert.Equal("1,200", DashboardFigures.Count(1200, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public async Task Every_figure_of_the_metrics_has_a_card_named_as_the_api_names_it()
    {
        await using var bunit = NewContext();

        var figures = DashboardFigures.From(Metrics());

        Assert.Equal(["signedProjects", "signedInvestment", "fulfilmentRate", "commencementRate", "investmentCompleted", "leads",
            "deepNegotiations", "visits", "receptions", "trips", "permitSlaCompliance", "medianWorkingDaysLeadToSigned", "fulfilledProjects",
            "startedProjects", "highTechProjects", "chainGapFillingProjects"], figures.Select(f => f.Metric));
        Assert.Equal("1,200", figures.Single(f => f.Metric == "leads").Value);
        Assert.Equal("41.5 working days", figures.Single(f => f.Metric == "medianWorkingDaysLeadToSigned").Value);
        Assert.Equal("CNY 3.0 bn", figures.Single(f => f.Metric == "signedInvestment").Value);
        Assert.Contains("13 of 18 signed projects started", figures.Single(f => f.Metric == "commencementRate").Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "No project was signed in 2025")]
    [InlineData("zh-CN", "2025 年没有签约项目")]
    public async Task A_rate_that_cannot_be_computed_shows_a_dash_and_says_why(string culture, string why)
    {
        await using var bunit = NewContext(culture);

        var figures = DashboardFigures.From(Metrics(signed: 0, fulfilment: null, commencement: null));

        var fulfilment = figures.Single(f => f.Metric == "fulfilmentRate");
        Assert.Equal("—", fulfilment.Value);
        Assert.True(fulfilment.Missing);
        Assert.Contains(why, fulfilment.Note, StringComparison.Ordinal);
        Assert.Equal("—", figures.Single(f => f.Metric == "permitSlaCompliance").Value);
        Assert.Contains("2025", figures.Single(f => f.Metric == "permitSlaCompliance").Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_carries_its_numbers_in_a_table_with_words_not_colours()
    {
        await using var bunit = NewContext();

        var chart = bunit.Render<ChartFigure>(p => p
            .Add(c => c.Title, "Projects by light")
            .Add(c => c.TestId, "chart-lights")
            .Add(c => c.Type, ChartType.Donut)
            .Add(c => c.Labels, ["Red (overdue)", "Yellow (due soon)", "Green (on time)"])
            .Add(c => c.Series, [new ChartSet("Count", [1, 2, 3], ["1", "2", "3"])]));

        Assert.Equal(3, chart.FindAll("table.chart-table tbody tr").Count);
        Assert.Equal("Red (overdue)", chart.FindAll("table.chart-table tbody th")[0].TextContent);
        Assert.Equal("3", chart.FindAll("table.chart-table tbody td")[2].TextContent);
        Assert.Equal("Projects by light (data table)", chart.Find("table.chart-table caption").TextContent);
        Assert.NotNull(chart.Find("[role=img][aria-label]"));
    }
}
