using System.Text.Json.Nodes;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Butler.Designer.Canvas;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Onboarding;

namespace Butler.Designer.Tests.Canvas;

public sealed class DiagramMappingTests
{
    private static readonly Dictionary<string, ActivityDescriptor> Descriptors = AllDescriptors();

    private static Dictionary<string, ActivityDescriptor> AllDescriptors()
    {
        var activities = ActivityRegistry.BuiltIn().Concat([new ProjectStageActivity(), new ResolveProblemActivity(), new LeadStatusActivity()]);
        return activities.Select(a => a.Descriptor).ToDictionary(d => d.Type, StringComparer.Ordinal);
    }

    public static TheoryData<string> ShippedIds() => new(ShippedDefinitions.ResourceNames
        .Select(n => n[ShippedDefinitions.ResourcePrefix.Length..^".json".Length]));

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void A_shipped_definition_reads_back_from_the_canvas_exactly_as_it_was(string id)
    {
        var json = DefinitionJson.Serialize(DefinitionJson.TryParse(ShippedDefinitions.Read(id), out _)!);
        var diagram = new BlazorDiagram();

        var unmapped = DiagramMapping.Build(diagram, DefinitionJson.TryParse(json, out _)!, Descriptors);
        var back = DiagramMapping.Read(diagram, DefinitionJson.TryParse(json, out _)!, unmapped);

        Assert.Empty(unmapped);
        Assert.Equal(json, DefinitionJson.Serialize(back));
        var model = DefinitionJson.TryParse(json, out _)!;
        Assert.Equal(model.Activities.Count, diagram.Nodes.Count);
        Assert.Equal(model.Connections.Count, diagram.Links.Count);
    }

    [Fact]
    public void The_butler_pipeline_is_drawn_at_its_saved_positions_with_no_two_activities_overlapping()
    {
        var model = DefinitionJson.TryParse(ShippedDefinitions.Read("butler-pipeline"), out _)!;
        var diagram = new BlazorDiagram();
        DiagramMapping.Build(diagram, model, Descriptors);

        var nodes = diagram.Nodes.OfType<ActivityNode>().ToList();
        Assert.All(nodes, n => Assert.Equal(n.Activity.Position!.X, n.Position.X));
        foreach (var a in nodes)
        {
            foreach (var b in nodes.Where(b => b != a))
            {
                var apart = a.Position.X + ActivityNode.Width <= b.Position.X || b.Position.X + ActivityNode.Width <= a.Position.X
                    || a.Position.Y + a.Size!.Height <= b.Position.Y || b.Position.Y + b.Size!.Height <= a.Position.Y;
                Assert.True(apart, $"{a.Activity.Id} overlaps {b.Activity.Id}");
            }
        }
    }

    [Fact]
    public void Every_outcome_gets_a_port_and_every_connection_runs_from_its_outcome_to_the_targets_input()
    {
        var model = Flow();
        var diagram = new BlazorDiagram();
        DiagramMapping.Build(diagram, model, Descriptors);

        var task = diagram.Nodes.OfType<ActivityNode>().Single(n => n.Activity.Id == "review");
        Assert.Equal(["approve", "reject"], task.Outputs.Select(p => p.Outcome!).ToArray());
        Assert.NotNull(task.Input);
        var start = diagram.Nodes.OfType<ActivityNode>().Single(n => n.Activity.Id == "start");
        Assert.Null(start.Input);
        var link = Assert.Single(task.Output("approve")!.Links);
        Assert.Equal("end", ((ActivityPort)link.Target.Model!).Activity.Activity.Id);
    }

    [Fact]
    public void A_connection_to_a_missing_activity_is_drawn_dangling_and_reads_back_with_its_target()
    {
        var model = Flow();
        model.Connections.Add(new ConnectionModel { Source = "review", Outcome = "reject", Target = "gone" });
        var diagram = new BlazorDiagram();

        var unmapped = DiagramMapping.Build(diagram, model, Descriptors);
        var dangling = diagram.Links.OfType<ConnectionLink>().Single(l => l.MissingTarget == "gone");
        Assert.IsType<PositionAnchor>(dangling.Target);

        var back = DiagramMapping.Read(diagram, model, unmapped);
        Assert.Contains(back.Connections, c => c is { Source: "review", Outcome: "reject", Target: "gone" });
    }

    [Fact]
    public void A_link_let_go_in_the_open_reads_as_a_connection_without_a_target_so_the_validator_names_it()
    {
        var model = Flow();
        var diagram = new BlazorDiagram();
        var unmapped = DiagramMapping.Build(diagram, model, Descriptors);
        var review = diagram.Nodes.OfType<ActivityNode>().Single(n => n.Activity.Id == "review");
        diagram.Links.Add(DiagramMapping.Dangling(review.Output("reject")!, null));

        var back = DiagramMapping.Read(diagram, model, unmapped);
        var connection = Assert.Single(back.Connections, c => c.Outcome == "reject");
        Assert.Equal("", connection.Target);
        var problems = new DefinitionValidator(new ActivityRegistry(ActivityRegistry.BuiltIn())).Validate(back);
        Assert.Contains(problems, p => p.Path == $"$.connections[{back.Connections.IndexOf(connection)}].target");
    }

    [Fact]
    public void Positions_are_written_only_where_the_definition_had_them_or_a_node_was_moved()
    {
        var model = Flow();
        model.Activities.ForEach(a => a.Position = null);
        var diagram = new BlazorDiagram();
        var unmapped = DiagramMapping.Build(diagram, model, Descriptors);

        var untouched = DiagramMapping.Read(diagram, model, unmapped);
        Assert.All(untouched.Activities, a => Assert.Null(a.Position));

        var moved = diagram.Nodes.OfType<ActivityNode>().Single(n => n.Activity.Id == "review");
        moved.SetPosition(moved.Position.X + 30, moved.Position.Y + 12.4);
        var after = DiagramMapping.Read(diagram, model, unmapped);
        var position = after.Activities.Single(a => a.Id == "review").Position;
        Assert.NotNull(position);
        Assert.Equal(Math.Round(moved.Position.Y), position!.Y);
        Assert.All(after.Activities.Where(a => a.Id != "review"), a => Assert.Null(a.Position));
    }

    [Fact]
    public void Changing_a_tasks_outcomes_rebuilds_its_ports_and_keeps_a_connected_outcome_marked_undeclared()
    {
        var model = Flow();
        var diagram = new BlazorDiagram();
        var unmapped = DiagramMapping.Build(diagram, model, Descriptors);
        var review = diagram.Nodes.OfType<ActivityNode>().Single(n => n.Activity.Id == "review");

        review.Activity.Inputs["outcomes"] = new JsonArray("reject", "escalate");
        DiagramMapping.RefreshPorts(review);

        Assert.Equal(["reject", "escalate", "approve"], review.Outputs.Select(p => p.Outcome!).ToArray());
        Assert.False(review.Output("approve")!.Declared);
        Assert.Single(review.Output("approve")!.Links);
        Assert.Equal(ActivityNode.HeightFor(3), review.Size!.Height);
        // The connection is kept, so the validator can name it rather than it vanishing.
        var back = DiagramMapping.Read(diagram, model, unmapped);
        Assert.Contains(back.Connections, c => c is { Source: "review", Outcome: "approve", Target: "end" });
        var problems = new DefinitionValidator(new ActivityRegistry(ActivityRegistry.BuiltIn())).Validate(back);
        Assert.Contains(problems, p => p.Path.EndsWith(".outcome", StringComparison.Ordinal));
    }

    [Fact]
    public void An_outcome_connects_only_to_the_input_of_another_activity()
    {
        var diagram = new BlazorDiagram();
        DiagramMapping.Build(diagram, Flow(), Descriptors);
        var nodes = diagram.Nodes.OfType<ActivityNode>().ToDictionary(n => n.Activity.Id);

        Assert.True(nodes["start"].Output("Done")!.CanAttachTo(nodes["review"].Input!));
        Assert.False(nodes["review"].Output("approve")!.CanAttachTo(nodes["review"].Input!));
        Assert.False(nodes["review"].Input!.CanAttachTo(nodes["end"].Input!));
        Assert.False(nodes["start"].Output("Done")!.CanAttachTo(nodes["review"].Output("reject")!));
    }

    internal static WorkflowDefinitionModel Flow() => DefinitionJson.TryParse("""
        {
          "id": "flow", "name": "Flow",
          "activities": [
            { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
            { "id": "review", "type": "HumanTask", "name": "Review",
              "inputs": { "title": "Review", "assignee": { "user": "ann" }, "outcomes": ["approve", "reject"] },
              "position": { "x": 200, "y": 0 } },
            { "id": "end", "type": "End", "position": { "x": 400, "y": 0 } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "review" },
            { "source": "review", "outcome": "approve", "target": "end" }
          ]
        }
        """, out _)!;
}
