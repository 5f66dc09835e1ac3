using Blazor.Diagrams;
using Bunit;
using Butler.Designer.Canvas;
using Butler.Workflows.Activities;
using Microsoft.AspNetCore.Components;

namespace Butler.Designer.Tests.Canvas;

public sealed class ActivityNodeWidgetTests
{
    private static ActivityNode Review(BlazorDiagram diagram)
    {
        var model = DiagramMappingTests.Flow();
        model.Connections.Add(new() { Source = "review", Outcome = "escalate", Target = "end" });
        var descriptors = new Dictionary<string, ActivityDescriptor>
        {
            ["Start"] = new StartActivity().Descriptor,
            ["HumanTask"] = new HumanTaskActivity().Descriptor,
            ["End"] = new EndActivity().Descriptor,
        };
        DiagramMapping.Build(diagram, model, descriptors);
        return diagram.Nodes.OfType<ActivityNode>().Single(n => n.Activity.Id == "review");
    }

    private static IRenderedComponent<ActivityNodeWidget> Render(BunitContext context, BlazorDiagram diagram, ActivityNode node) =>
        context.Render<ActivityNodeWidget>(p => p
            .Add(w => w.Node, node)
            .AddCascadingValue(diagram));

    [Theory]
    [InlineData("en", "Human task · review", "⚠ 2 problems")]
    [InlineData("zh-CN", "人工任务 · review", "⚠ 2 个问题")]
    public async Task A_node_names_its_activity_and_type_and_says_in_words_how_many_problems_it_has(string culture, string type, string flag)
    {
        await using var context = DesignerTestContext.New(culture);
        var diagram = new BlazorDiagram();
        var node = Review(diagram);
        node.Problems = ["'assignee' is required.", "Outcome 'escalate' is not declared."];

        var widget = Render(context, diagram, node);

        Assert.Equal("Review", widget.Find(".bd-node-name").TextContent);
        Assert.Equal(type, widget.Find(".bd-node-type").TextContent.Trim());
        Assert.Equal(flag, widget.Find("[data-testid=node-problem-review]").TextContent.Trim());
        Assert.Contains("'assignee' is required.", widget.Find("[data-testid=node-review]").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("bd-invalid", widget.Find("[data-testid=node-review]").ClassList);
    }

    [Fact]
    public async Task Each_outcome_has_a_labelled_port_and_an_undeclared_one_is_marked_with_a_question_mark()
    {
        await using var context = DesignerTestContext.New();
        var diagram = new BlazorDiagram();
        var node = Review(diagram);

        var widget = Render(context, diagram, node);

        Assert.Equal("approve", widget.Find("[data-testid=outcome-review-approve]").TextContent.Trim());
        Assert.Equal("escalate ?", widget.Find("[data-testid=outcome-review-escalate]").TextContent.Trim());
        Assert.Contains("bd-outcome-unknown", widget.Find("[data-testid=outcome-review-escalate]").ClassList);
        Assert.Empty(widget.FindAll("[data-testid=node-problem-review]"));
    }
}
