using Bunit;
using Butler.Designer.Canvas;
using Butler.Host.Components.Projects;
using Butler.Workflows.Definitions;
using Butler.Workflows.Activities;

namespace Butler.Host.Tests.Components;

/// <summary>The pipeline diagram: layout (saved positions or layered), the state of each activity, and the drawing.</summary>
public sealed class WorkflowDiagramTests
{
    private static WorkflowDefinitionModel Definition(string[] activities, (string From, string To, string Outcome)[] connections, bool positioned = false) => new()
    {
        Id = "d",
        Name = "D",
        Activities = [.. activities.Select((a, i) => new ActivityModel
        {
            Id = a,
            Type = "HumanTask",
            Name = new LocalizedText($"{a} en", $"{a} 中"),
            Position = positioned ? new PositionModel { X = 100 + i * 200, Y = 300 + (i % 2) * 100 } : null,
        })],
        Connections = [.. connections.Select(c => new ConnectionModel { Source = c.From, Target = c.To, Outcome = c.Outcome })],
    };

    [Fact]
    public void Saved_positions_are_used_moved_to_the_margin()
    {
        var layout = WorkflowLayout.Arrange(Definition(["a", "b"], [("a", "b", "Done")], positioned: true));

        Assert.Equal((WorkflowLayout.Margin, WorkflowLayout.Margin), (layout.Node("a")!.X, layout.Node("a")!.Y));
        Assert.Equal((WorkflowLayout.Margin + 200, WorkflowLayout.Margin + 100), (layout.Node("b")!.X, layout.Node("b")!.Y));
        Assert.Equal(WorkflowLayout.Margin + 200 + WorkflowLayout.NodeWidth + WorkflowLayout.Margin, layout.Width);
    }

    [Fact]
    public void Without_positions_each_activity_sits_one_layer_past_its_furthest_predecessor()
    {
        // start → fork → (a, b → c) → join: the join waits for the longer branch.
        var layout = WorkflowLayout.Arrange(Definition(["start", "fork", "a", "b", "c", "join"],
            [("start", "fork", "Done"), ("fork", "a", "Done"), ("fork", "b", "Done"), ("b", "c", "Done"), ("a", "join", "Done"), ("c", "join", "Done")]));

        Assert.Equal([0, 1, 2, 2, 3, 4], new[] { "start", "fork", "a", "b", "c", "join" }.Select(id => layout.Node(id)!.Layer));
        Assert.True(layout.Node("join")!.X > layout.Node("c")!.X);
        Assert.Equal(layout.Node("a")!.X, layout.Node("b")!.X);
        Assert.NotEqual(layout.Node("a")!.Y, layout.Node("b")!.Y);
    }

    [Fact]
    public void A_loop_back_is_recognised_and_does_not_push_activities_further_right()
    {
        var layout = WorkflowLayout.Arrange(Definition(["start", "select", "approve", "done"],
            [("start", "select", "Done"), ("select", "approve", "Proposed"), ("approve", "select", "Reject"), ("approve", "done", "Approve")]));

        Assert.Equal([0, 1, 2, 3], new[] { "start", "select", "approve", "done" }.Select(id => layout.Node(id)!.Layer));
        Assert.Equal(["approve->select"], layout.Edges.Where(e => e.IsBack).Select(e => $"{e.Source}->{e.Target}"));
    }

    [Fact]
    public void Within_a_layer_activities_follow_the_places_of_their_predecessors()
    {
        // x and y are listed in the opposite order to their parents p2, p1.
        var layout = WorkflowLayout.Arrange(Definition(["p1", "p2", "y", "x"], [("p1", "x", "Done"), ("p2", "y", "Done")]));

        Assert.Equal([0, 1], new[] { "p1", "p2" }.Select(id => layout.Node(id)!.Order));
        Assert.Equal(0, layout.Node("x")!.Order);
        Assert.Equal(1, layout.Node("y")!.Order);
    }

    [Fact]
    public void An_activity_waited_on_is_active_even_if_done_before_and_one_never_reached_is_waiting()
    {
        var states = WorkflowProgress.States(["start", "select", "approve", "done"], completed: ["start", "select", "approve"], waitingOn: ["select"]);

        Assert.Equal(ActivityState.Done, states["start"]);
        Assert.Equal(ActivityState.Active, states["select"]);
        Assert.Equal(ActivityState.Done, states["approve"]);
        Assert.Equal(ActivityState.Waiting, states["done"]);
    }

    [Theory]
    [InlineData("en", "select en", "Active")]
    [InlineData("zh-CN", "select 中", "进行中")]
    public async Task Each_node_says_its_name_and_state_in_words_and_the_legend_names_every_state(string culture, string name, string state)
    {
        await using var bunit = MudTestContext.New(culture);
        var definition = Definition(["start", "select"], [("start", "select", "Done")]);

        var diagram = bunit.Render<WorkflowDiagram>(p => p
            .Add(c => c.Definition, definition)
            .Add(c => c.States, WorkflowProgress.States(["start", "select"], ["start"], ["select"])));

        var node = diagram.Find("[data-activity=select]");
        Assert.Equal("active", node.GetAttribute("data-state"));
        Assert.Equal($"{name}: {state}", node.GetAttribute("aria-label"));
        Assert.Contains(state, node.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("done", diagram.Find("[data-activity=start]").GetAttribute("data-state"));
        Assert.Equal(3, diagram.FindAll("[data-testid=workflow-legend] li").Count);
        Assert.Single(diagram.FindAll("path[data-edge='start->select']"));
    }
}
