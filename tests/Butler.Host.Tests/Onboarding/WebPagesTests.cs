using System.Net;
using System.Text.RegularExpressions;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Onboarding;

/// <summary>The dashboard and project pages prerendered over real HTTP on the demo district.</summary>
public sealed partial class WebPagesTests(DemoDistrictApp app) : IClassFixture<DemoDistrictApp>
{
    [Fact]
    public async Task The_dashboard_for_2025_prerenders_the_reports_figures_for_an_admin()
    {
        var admin = await app.ClientForAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard?year=2025");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("18", Metric(html, "signedProjects"));
        Assert.Equal("CNY 3.0 bn", Metric(html, "signedInvestment"));
        Assert.Equal("CNY 2.3 bn", Metric(html, "investmentCompleted"));
        Assert.Equal("100.0%", Metric(html, "fulfilmentRate"));
        Assert.Equal("72.2%", Metric(html, "commencementRate"));
        Assert.Equal("200", Metric(html, "leads"));
        Assert.Equal("70", Metric(html, "deepNegotiations"));
        Assert.Equal("180", Metric(html, "receptions"));
        Assert.Equal("20", Metric(html, "trips"));
        Assert.Equal("13", Metric(html, "highTechProjects"));
        Assert.Equal("10", Metric(html, "chainGapFillingProjects"));
        Assert.Contains("13 of 18 signed projects started", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "chart-funnel", "chart-chains", "chart-commencement", "chart-permits", "chart-lights" })
        {
            Assert.Contains($"data-testid=\"{chart}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("data-testid=\"dispatch-agendas\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chinese_reader_sees_money_in_yi_yuan_and_working_days_with_their_unit()
    {
        var admin = await app.ClientForAsync("admin");
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/dashboard?year=2025");
        dashboard.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN");
        using var dashboardResponse = await admin.SendAsync(dashboard);
        var html = await dashboardResponse.Content.ReadAsStringAsync();

        Assert.Equal("30 亿元", Metric(html, "signedInvestment"));
        Assert.Equal("23 亿元", Metric(html, "investmentCompleted"));
        Assert.EndsWith(" 个工作日", Metric(html, "medianWorkingDaysLeadToSigned"), StringComparison.Ordinal);

        var list = await admin.GetStringAsync("/projects");
        var project = ProjectRow().Match(list).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/projects/{project}");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN");
        using var response = await admin.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("亿元", page, StringComparison.Ordinal);
        Assert.DoesNotContain("CNY", page, StringComparison.Ordinal);
        Assert.DoesNotContain("100 million", page, StringComparison.Ordinal);
        Assert.DoesNotContain("亿元）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_is_refused_to_a_squad_member()
    {
        using var response = await (await app.ClientForAsync("squad")).GetAsync("/dashboard?year=2025");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_ledger_lists_the_filtered_projects_and_each_project_page_draws_its_pipeline()
    {
        var admin = await app.ClientForAsync("admin");
        var html = await admin.GetStringAsync("/projects?stage=construction&search=%E9%A1%B9%E7%9B%AE");
        var rows = ProjectRow().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(rows);
        Assert.Contains("export?format=xlsx&amp;stage=construction", html, StringComparison.Ordinal);

        var page = await admin.GetStringAsync($"/projects/{rows[0]}");

        Assert.Contains("data-testid=\"project-header\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"workflow-diagram\"", page, StringComparison.Ordinal);
        // A project in construction has finished the permits and waits in the construction stage.
        Assert.Matches("data-activity=\"permitBusinessLicence\" data-state=\"done\"", page);
        Assert.Matches("data-activity=\"construction\" data-state=\"active\"", page);
        Assert.Matches("data-activity=\"end\" data-state=\"waiting\"", page);
        Assert.Contains("data-kind=\"stageChanged\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_squad_member_opening_another_squads_project_is_told_it_is_not_theirs()
    {
        var list = await (await app.ClientForAsync("admin")).GetStringAsync("/projects?chain=biomedicine");
        var foreign = ProjectRow().Match(list).Groups[1].Value;

        var page = await (await app.ClientForAsync("squad")).GetStringAsync($"/projects/{foreign}");

        Assert.Contains("data-testid=\"project-missing\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"project-header\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-testid=\"project-row\" data-project=\"([0-9a-f-]{36})\"")]
    private static partial Regex ProjectRow();

    private static string Metric(string html, string name)
    {
        var match = Regex.Match(html, $"data-metric=\"{name}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"No figure {name} on the page.");
        return match.Groups[1].Value.Trim();
    }
}
