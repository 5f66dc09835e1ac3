using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>The administrator's view of the district: the dashboard shows the report's 2025 figures (seed/README.md).</summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DashboardTests(ButlerServer server)
{
    [Theory]
    [InlineData(Ui.Chinese)]
    [InlineData(Ui.English)]
    public async Task An_admin_opens_the_dashboard_and_sees_the_2025_figures(string language)
    {
        var page = await server.NewPageAsync();
        await Ui.SignInAsync(page, "admin", language);
        await page.Locator("nav a[href='dashboard']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Ui.Text(language, "数据看板", "Dashboard"));

        // The demo's current year has no signed figures of 2025; the year is chosen in the selector.
        await page.Locator("[data-testid=year-select]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "2025", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("year=2025"));
        await Expect(page.Locator("[data-testid=dashboard-year]")).ToHaveTextAsync(Ui.Text(language, "2025 年数据", "Figures for 2025"));

        await Expect(page.Locator("[data-metric=signedProjects]")).ToHaveTextAsync("18");
        await Expect(page.Locator("[data-metric=signedInvestment]")).ToHaveTextAsync(Ui.Text(language, "30 亿元", "CNY 3.0 bn"));
        await Expect(page.Locator("[data-metric=investmentCompleted]")).ToHaveTextAsync(Ui.Text(language, "23 亿元", "CNY 2.3 bn"));
        await Expect(page.Locator("[data-metric=fulfilmentRate]")).ToHaveTextAsync("100.0%");
        await Expect(page.Locator("[data-metric=commencementRate]")).ToHaveTextAsync("72.2%");
        await Expect(page.Locator("[data-metric=leads]")).ToHaveTextAsync("200");
        await Expect(page.Locator("[data-metric=deepNegotiations]")).ToHaveTextAsync("70");
        await Expect(page.Locator("[data-metric=highTechProjects]")).ToHaveTextAsync("13");
        await Expect(page.Locator("[data-metric=chainGapFillingProjects]")).ToHaveTextAsync("10");
        await Expect(page.Locator("[data-testid=chart-funnel]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=dispatch-agendas]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
