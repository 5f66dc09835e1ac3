using Bunit;
using System.Text.Json.Nodes;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Tests.Properties;

public sealed class PropertyPanelTests
{
    [Fact]
    public async Task The_panel_shows_one_editor_per_descriptor_input_in_the_users_language()
    {
        await using var context = DesignerTestContext.New("zh-CN");
        var fixture = new PanelFixture("HumanTask");

        var cut = fixture.Render(context);

        Assert.Contains("人工任务", cut.Find("#prop-panel-title").TextContent, StringComparison.Ordinal);
        foreach (var input in fixture.Descriptor.Inputs)
        {
            Assert.Single(cut.FindAll($"[data-testid=prop-{input.Name}]"));
        }
        Assert.Equal(fixture.Descriptor.Inputs.Count, cut.FindAll(".prop-input[data-testid]").Count - 1);
        Assert.Contains("（必填）", cut.Find("[data-testid=prop-title]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_shows_next_to_its_input_and_not_next_to_another_activitys()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["due"] = "2wd" });
        DefinitionProblem[] problems =
        [
            new("$.activities[2].inputs.due", "The due is wrong here."),
            new("$.activities[2].inputs.escalation[0].after", "The first step is wrong."),
            new("$.activities[12].inputs.due", "Another activity's due."),
            new("$.activities[2]", "Activity 'step' cannot be reached from Start."),
        ];

        var cut = fixture.Render(context, problems, index: 2);

        Assert.Contains("The due is wrong here.", cut.Find("[data-testid=prop-due-problems]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Another activity", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("The first step is wrong.", cut.Find("[data-testid=prop-escalation-problems]").TextContent, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", cut.Find("[data-testid=prop-problems]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=prop-title-problems]"));
    }

    [Theory]
    [InlineData("zh-CN", "期限格式有误。")]
    [InlineData("en", "The due is wrong here.")]
    public async Task A_problem_is_shown_in_the_readers_language(string culture, string shown)
    {
        await using var context = DesignerTestContext.New(culture);
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["due"] = "2wd" });
        DefinitionProblem[] problems = [new("$.activities[2].inputs.due", "The due is wrong here.", "期限格式有误。")];

        var cut = fixture.Render(context, problems, index: 2);

        Assert.Equal($"⚠ {shown}", cut.Find("[data-testid=prop-due-problems] li").TextContent.Trim());
    }

    [Fact]
    public async Task Renaming_the_step_writes_its_name_and_raises_changed()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask");
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-name-input]").Input("Collect documents");

        Assert.Equal("Collect documents", fixture.Activity.Name);
        Assert.Equal(1, fixture.Changes);
    }

    [Fact]
    public async Task A_value_of_an_unexpected_shape_is_edited_as_raw_json_and_only_valid_json_is_written()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["assignee"] = new JsonObject { ["user"] = "squad", ["extra"] = 1 } });
        var cut = fixture.Render(context);

        var raw = cut.Find("[data-testid=prop-assignee-raw]");
        Assert.Contains("extra", raw.GetAttribute("value"), StringComparison.Ordinal);
        raw.Input("{\"role\": ");
        Assert.NotEmpty(cut.FindAll("[data-testid=prop-assignee-raw-error]"));
        Assert.Equal("{\"user\":\"squad\",\"extra\":1}", PanelFixture.Json(fixture.Inputs["assignee"]));

        cut.Find("[data-testid=prop-assignee-raw]").Input("{\"role\": \"Leader\"}");

        Assert.Equal("{\"role\":\"Leader\"}", PanelFixture.Json(fixture.Inputs["assignee"]));
        Assert.Equal("role", cut.Find("[data-testid=prop-assignee-kind]").GetAttribute("value"));
    }
}
