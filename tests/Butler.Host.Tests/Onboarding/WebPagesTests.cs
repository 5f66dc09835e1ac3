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
        Assert.Equal("30.00", Metric(html, "signedInvestment"));
        Assert.Equal("23.00", Metric(html, "investmentCompleted"));
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
    public async Task The_dashboard_is_refused_to_a_squad_member()
    {
        using var response = await (await app.ClientForAsync("squad")).GetAsync("/dashboard?year=2025");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string Metric(string html, string name)
    {
        var match = Regex.Match(html, $"data-metric=\"{name}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"No figure {name} on the page.");
        return match.Groups[1].Value.Trim();
    }
}
