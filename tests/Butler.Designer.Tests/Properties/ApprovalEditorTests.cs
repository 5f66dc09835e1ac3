using Bunit;
using System.Text.Json.Nodes;

namespace Butler.Designer.Tests.Properties;

/// <summary>The editors of an Approval's 票签, 去重 and empty-approver inputs, and the ladder's 超时自动处理.</summary>
public sealed class ApprovalEditorTests
{
    private static JsonObject Approval() => new() { ["title"] = "t", ["approvers"] = new JsonArray(new JsonObject { ["user"] = "leader" }) };

    [Fact]
    public async Task A_weighted_approval_gets_its_threshold_and_weights_and_then_validates()
    {
        await using var context = DesignerTestContext.New();
        var inputs = Approval();
        inputs["mode"] = "weighted";
        var fixture = new PanelFixture("Approval", inputs);
        var cut = fixture.Render(context);
        Assert.Contains(fixture.InputProblems(), p => p.Path.EndsWith(".threshold", StringComparison.Ordinal));

        cut.Find("[data-testid=prop-threshold-input]").Change("3");
        cut.Find("[data-testid=prop-weights-add]").Click();
        cut.Find("[data-testid=prop-weights-0-user]").Change("leader");
        cut.Find("[data-testid=prop-weights-0-weight]").Change("2");

        Assert.Equal("3", PanelFixture.Json(fixture.Inputs["threshold"]));
        Assert.Equal("{\"leader\":2}", PanelFixture.Json(fixture.Inputs["weights"]));
        Assert.Empty(fixture.InputProblems());
    }

    [Fact]
    public async Task A_threshold_below_one_is_refused_and_not_written()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("Approval", Approval());
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-threshold-input]").Change("0");

        Assert.NotEmpty(cut.FindAll("[data-testid=prop-threshold-problem]"));
        Assert.False(fixture.Inputs.ContainsKey("threshold"));
    }

    [Fact]
    public async Task Skipping_repeated_approvers_is_a_checkbox_and_an_empty_approver_list_a_choice()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("Approval", Approval());
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-skipIfApprovedBefore-input]").Change(true);
        cut.Find("[data-testid=prop-whenNoApprover-input]").Change("admin");

        Assert.Equal("true", PanelFixture.Json(fixture.Inputs["skipIfApprovedBefore"]));
        Assert.Equal("\"admin\"", PanelFixture.Json(fixture.Inputs["whenNoApprover"]));
        cut.Find("[data-testid=prop-skipIfApprovedBefore-input]").Change(false);
        Assert.False(fixture.Inputs.ContainsKey("skipIfApprovedBefore"));
        Assert.Empty(fixture.InputProblems());
    }

    [Fact]
    public async Task An_escalation_step_that_acts_writes_the_outcome_and_needs_nothing_else()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject
        {
            ["title"] = "t", ["assignee"] = new JsonObject { ["role"] = "Squad" }, ["due"] = "3wd",
            ["outcomes"] = new JsonArray("Done", "Skipped"),
        });
        var cut = fixture.Render(context);
        cut.Find("[data-testid=prop-escalation-add]").Click();
        Assert.NotEmpty(cut.FindAll("[data-testid=prop-escalation-0-needs-action]"));

        cut.Find("[data-testid=prop-escalation-0-action]").Change("Skipped");

        Assert.Equal("[{\"after\":\"PT0S\",\"action\":{\"outcome\":\"Skipped\"}}]", PanelFixture.Json(fixture.Inputs["escalation"]));
        Assert.Empty(cut.FindAll("[data-testid=prop-escalation-0-needs-action]"));
        Assert.Empty(fixture.InputProblems());
        cut.Find("[data-testid=prop-escalation-0-action]").Change("");
        Assert.Equal("[{\"after\":\"PT0S\"}]", PanelFixture.Json(fixture.Inputs["escalation"]));
    }
}
