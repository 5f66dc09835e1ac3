using Bunit;
using Butler.Host.Api.Projects;
using Butler.Host.Components.Projects;

namespace Butler.Host.Tests.Components;

/// <summary>The ledger's filters, rows and export links, rendered with bUnit.</summary>
public sealed class ProjectLedgerTests
{
    private static readonly Guid LeaderLi = Guid.Parse("0b6d3f0e-55c4-4a4e-9c0e-3f1f0a000001");

    private static readonly LedgerFilterChoices Choices = new(
        [new FilterChoice(LeaderLi.ToString("D"), "李区长", "李区长")],
        [new FilterChoice("health-food", "健康食品", "Health food"), new FilterChoice("biomedicine", "生物医药", "Biomedicine")]);

    private static ProjectSummary Project(string name, string light, string stage = "permits") => new(Guid.NewGuid(), name, "Co", "health-food",
        1.5e8m, new DateOnly(2026, 3, 1), null, LeaderLi, "李区长", Guid.NewGuid(), "Squad", stage, null, null, null, false, false, 0, 1, light, 1);

    private static BunitContext NewContext() => MudTestContext.New(formatting: true);

    [Fact]
    public void The_query_keeps_the_filters_in_the_link_and_the_export_under_the_api_names()
    {
        var query = new LedgerQuery(LeaderLi, "health-food", "permits", "red", " 食品 ", 3);

        Assert.Equal($"projects?leaderId={LeaderLi:D}&chain=health-food&stage=permits&light=red&search=%E9%A3%9F%E5%93%81&page=3", query.PageLink());
        Assert.Equal($"api/projects/export?format=csv&leaderId={LeaderLi:D}&chain=health-food&stage=permits&light=red&search=%E9%A3%9F%E5%93%81&lang=en",
            query.ExportLink("csv", "en"));
        Assert.Equal(new ProjectFilter(LeaderLi, "health-food", "permits", "red", null, "食品"), query.ToFilter());
        Assert.Equal("projects", new LedgerQuery(Chain: " ", Page: 1).PageLink());
    }

    [Fact]
    public async Task Typing_in_the_search_box_asks_for_the_first_page_of_the_matching_projects()
    {
        await using var bunit = NewContext();
        LedgerQuery? asked = null;
        var ledger = bunit.Render<ProjectLedger>(p => p
            .Add(c => c.Query, new LedgerQuery(Light: "red", Page: 2))
            .Add(c => c.Choices, Choices)
            .Add(c => c.Items, [Project("Red one", "red")])
            .Add(c => c.Total, 30)
            .Add(c => c.SearchDebounceMilliseconds, 0)
            .Add(c => c.QueryChanged, (LedgerQuery q) => asked = q));

        ledger.Find("#ledger-search").Input("membrane");

        Assert.Equal(new LedgerQuery(Light: "red", Search: "membrane", Page: 1), asked);
    }

    [Fact]
    public async Task Each_row_links_to_its_project_and_names_its_light_and_stage_in_words()
    {
        await using var bunit = NewContext();
        var red = Project("Late plant", "red", "construction");
        var ledger = bunit.Render<ProjectLedger>(p => p
            .Add(c => c.Query, new LedgerQuery())
            .Add(c => c.Choices, Choices)
            .Add(c => c.Items, [red, Project("Fine plant", "green")])
            .Add(c => c.Total, 2));

        var rows = ledger.FindAll("[data-testid=project-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal($"projects/{red.Id:D}", rows[0].QuerySelector("a.project-link")!.GetAttribute("href"));
        Assert.Contains("Overdue", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Under construction", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Health food", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("CNY 150.0 m", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(ledger.FindAll("[data-testid=ledger-pager]"));
    }

    [Fact]
    public async Task The_export_buttons_and_the_pager_carry_the_current_filters()
    {
        await using var bunit = NewContext();
        var ledger = bunit.Render<ProjectLedger>(p => p
            .Add(c => c.Query, new LedgerQuery(Chain: "biomedicine", Page: 2))
            .Add(c => c.Choices, Choices)
            .Add(c => c.Items, [Project("A", "green")])
            .Add(c => c.Total, 60)
            .Add(c => c.Language, "en"));

        Assert.Equal("api/projects/export?format=xlsx&chain=biomedicine&lang=en", ledger.Find("[data-testid=export-xlsx]").GetAttribute("href"));
        Assert.Equal("api/projects/export?format=csv&chain=biomedicine&lang=en", ledger.Find("[data-testid=export-csv]").GetAttribute("href"));
        var pager = ledger.Find("[data-testid=ledger-pager]");
        Assert.Contains("Page 2 of 3", pager.TextContent, StringComparison.Ordinal);
        var links = pager.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["projects?chain=biomedicine", "projects?chain=biomedicine&page=3"], links);
    }
}
