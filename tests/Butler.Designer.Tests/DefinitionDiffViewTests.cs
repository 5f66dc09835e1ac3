using Bunit;
using Butler.Designer.Pages;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Tests;

public sealed class DefinitionDiffViewTests
{
    private static DefinitionDiff Diff(
        TextChange? name = null,
        IReadOnlyList<ActivitySummary>? added = null, IReadOnlyList<ActivitySummary>? removed = null, IReadOnlyList<ActivityChange>? changed = null,
        IReadOnlyList<ConnectionSummary>? connectionsAdded = null, IReadOnlyList<ConnectionSummary>? connectionsRemoved = null,
        IReadOnlyList<string>? variablesAdded = null) =>
        new(name, null, variablesAdded ?? [], [], [], added ?? [], removed ?? [], changed ?? [], connectionsAdded ?? [], connectionsRemoved ?? []);

    [Fact]
    public async Task Equal_versions_say_so_in_words()
    {
        await using var ctx = DesignerTestContext.New("en");
        var view = ctx.Render<DefinitionDiffView>(p => p.Add(x => x.Diff, Diff()).Add(x => x.From, 1).Add(x => x.To, 3));

        Assert.Contains("Changes from v1 to v3", view.Find("h2").TextContent, StringComparison.Ordinal);
        Assert.Equal("The two versions have the same content.", view.Find("[data-testid=diff-empty]").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid=diff-activities]"));
    }

    [Fact]
    public async Task Added_removed_and_changed_activities_are_each_labelled_in_words()
    {
        await using var ctx = DesignerTestContext.New("en");
        var diff = Diff(
            added: [new ActivitySummary("check", "Decision", "Big?")],
            removed: [new ActivitySummary("old", "Delay", null)],
            changed: [new ActivityChange("review", "HumanTask", "Check", new TextChange("Review", "Check"), null, ["outcomes"], ["due"], ["assignee"], true)]);

        var view = ctx.Render<DefinitionDiffView>(p => p.Add(x => x.Diff, diff).Add(x => x.From, 1).Add(x => x.To, 2));

        var added = view.Find("[data-testid=diff-activity-added-check]").TextContent;
        Assert.Contains("Added:", added, StringComparison.Ordinal);
        Assert.Contains("activity check “Big?” (Decision)", added, StringComparison.Ordinal);
        var removed = view.Find("[data-testid=diff-activity-removed-old]").TextContent;
        Assert.Contains("Removed:", removed, StringComparison.Ordinal);
        Assert.Contains("activity old (Delay)", removed, StringComparison.Ordinal);
        var changed = view.Find("[data-testid=diff-activity-changed-review]");
        Assert.StartsWith("Changed:", changed.TextContent.Trim(), StringComparison.Ordinal);
        var parts = changed.QuerySelectorAll("ul li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["name “Review” became “Check”", "input outcomes added", "input due removed", "input assignee changed", "moved on the canvas"], parts);
    }

    [Fact]
    public async Task Connections_read_as_source_outcome_target_with_added_or_removed()
    {
        await using var ctx = DesignerTestContext.New("en");
        var diff = Diff(connectionsAdded: [new ConnectionSummary("big", "False", "check")], connectionsRemoved: [new ConnectionSummary("big", "False", "end")]);

        var view = ctx.Render<DefinitionDiffView>(p => p.Add(x => x.Diff, diff));

        Assert.Equal("Added: connection big —False→ check", Normalize(view.Find("[data-testid=diff-connection-added]").TextContent));
        Assert.Equal("Removed: connection big —False→ end", Normalize(view.Find("[data-testid=diff-connection-removed]").TextContent));
        Assert.Empty(view.FindAll("[data-testid=diff-empty]"));
    }

    [Fact]
    public async Task Name_and_variable_changes_render_in_chinese()
    {
        await using var ctx = DesignerTestContext.New("zh-CN");
        var diff = Diff(name: new TextChange("招商", "招商流程"), variablesAdded: ["amount"]);

        var view = ctx.Render<DefinitionDiffView>(p => p.Add(x => x.Diff, diff).Add(x => x.From, 2).Add(x => x.To, 4));

        var items = view.FindAll("[data-testid=diff-definition] li").Select(li => Normalize(li.TextContent)).ToList();
        Assert.Equal(["名称由“招商”改为“招商流程”", "新增： 变量 amount"], items);
        Assert.Contains("从 v2 到 v4 的变化", view.Find("h2").TextContent, StringComparison.Ordinal);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
