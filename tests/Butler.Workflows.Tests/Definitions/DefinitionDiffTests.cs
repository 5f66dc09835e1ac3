using Butler.Workflows.Definitions;
using Xunit;

namespace Butler.Workflows.Tests.Definitions;

public sealed class DefinitionDiffTests
{
    private const string Base = """
        {
          "id": "permit", "name": "Permit", "description": "Files the permit",
          "variables": [ { "name": "amount", "default": 0 }, { "name": "company" } ],
          "activities": [
            { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
            { "id": "review", "type": "HumanTask", "name": "Review",
              "inputs": { "title": "Review", "assignee": { "role": "Squad" }, "due": "3wd" }, "position": { "x": 200, "y": 0 } },
            { "id": "end", "type": "End", "position": { "x": 400, "y": 0 } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "review" },
            { "source": "review", "outcome": "Done", "target": "end" }
          ]
        }
        """;

    private static WorkflowDefinitionModel Parse(string json) => DefinitionJson.TryParse(json, out var problem) ?? throw new InvalidOperationException(problem!.Message);

    private static DefinitionDiff Compare(Func<string, string> change) => DefinitionDiff.Compare(Parse(Base), Parse(change(Base)));

    [Fact]
    public void The_same_definition_has_no_differences()
    {
        var diff = Compare(json => json);
        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Layout_only_whitespace_and_key_order_in_inputs_are_not_changes()
    {
        var diff = Compare(json => json.Replace("""{ "title": "Review", "assignee": { "role": "Squad" }, "due": "3wd" }""",
            """{ "due": "3wd",   "assignee": {"role":"Squad"}, "title": "Review" }""", StringComparison.Ordinal));
        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void An_added_activity_and_its_connection_are_listed_and_the_replaced_connection_is_removed()
    {
        var diff = Compare(json => json
            .Replace("""{ "id": "end", "type": "End",""", """{ "id": "check", "type": "Decision", "name": "Big?", "inputs": { "condition": "amount > 10" } }, { "id": "end", "type": "End",""", StringComparison.Ordinal)
            .Replace("""{ "source": "review", "outcome": "Done", "target": "end" }""",
                """{ "source": "review", "outcome": "Done", "target": "check" }, { "source": "check", "outcome": "True", "target": "end" }""", StringComparison.Ordinal));

        var added = Assert.Single(diff.ActivitiesAdded);
        Assert.Equal(new ActivitySummary("check", "Decision", "Big?"), added);
        Assert.Empty(diff.ActivitiesRemoved);
        Assert.Empty(diff.ActivitiesChanged);
        Assert.Equal([new ConnectionSummary("review", "Done", "check"), new ConnectionSummary("check", "True", "end")], diff.ConnectionsAdded);
        Assert.Equal([new ConnectionSummary("review", "Done", "end")], diff.ConnectionsRemoved);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void A_removed_activity_is_listed_with_its_type_and_name()
    {
        var from = Parse(Base);
        var to = Parse(Base);
        to.Activities.RemoveAll(a => a.Id == "review");
        to.Connections.Clear();

        var diff = DefinitionDiff.Compare(from, to);

        Assert.Equal([new ActivitySummary("review", "HumanTask", "Review")], diff.ActivitiesRemoved);
        Assert.Equal(2, diff.ConnectionsRemoved.Count);
        Assert.Empty(diff.ConnectionsAdded);
    }

    [Fact]
    public void A_changed_activity_names_each_part_that_changed()
    {
        var from = Parse(Base);
        var to = Parse(Base);
        var review = to.Activities.Single(a => a.Id == "review");
        review.Name = "Check";
        review.Inputs.Remove("due");
        review.Inputs["outcomes"] = new System.Text.Json.Nodes.JsonArray("Done", "Reject");
        review.Inputs["assignee"] = new System.Text.Json.Nodes.JsonObject { ["role"] = "Leader" };
        review.Position = new PositionModel { X = 200, Y = 80 };

        var change = Assert.Single(DefinitionDiff.Compare(from, to).ActivitiesChanged);

        Assert.Equal("review", change.Id);
        Assert.Equal(new TextChange("Review", "Check"), change.NameChange);
        Assert.Null(change.TypeChange);
        Assert.Equal(["outcomes"], change.InputsAdded);
        Assert.Equal(["due"], change.InputsRemoved);
        Assert.Equal(["assignee"], change.InputsChanged);
        Assert.True(change.Moved);
    }

    [Fact]
    public void A_type_change_and_a_move_alone_are_changes()
    {
        var from = Parse(Base);
        var to = Parse(Base);
        to.Activities.Single(a => a.Id == "end").Type = "Terminate";
        to.Activities.Single(a => a.Id == "start").Position = null;

        var changes = DefinitionDiff.Compare(from, to).ActivitiesChanged;

        var start = changes.Single(c => c.Id == "start");
        Assert.True(start.Moved);
        Assert.Null(start.TypeChange);
        var end = changes.Single(c => c.Id == "end");
        Assert.Equal(new ValueChange("End", "Terminate"), end.TypeChange);
        Assert.False(end.Moved);
    }

    [Fact]
    public void A_connection_differing_only_in_outcome_is_one_removed_and_one_added()
    {
        var diff = Compare(json => json.Replace("""{ "source": "review", "outcome": "Done", "target": "end" }""",
            """{ "source": "review", "outcome": "Approve", "target": "end" }""", StringComparison.Ordinal));

        Assert.Equal([new ConnectionSummary("review", "Approve", "end")], diff.ConnectionsAdded);
        Assert.Equal([new ConnectionSummary("review", "Done", "end")], diff.ConnectionsRemoved);
        Assert.Empty(diff.ActivitiesChanged);
    }

    [Fact]
    public void Name_description_and_variables_changes_are_reported()
    {
        var diff = Compare(json => json
            .Replace("\"name\": \"Permit\", \"description\": \"Files the permit\"", "\"name\": \"Permit v2\"", StringComparison.Ordinal)
            .Replace("""{ "name": "amount", "default": 0 }, { "name": "company" }""", """{ "name": "amount", "default": 5 }, { "name": "due" }""", StringComparison.Ordinal));

        Assert.Equal(new TextChange("Permit", "Permit v2"), diff.Name);
        Assert.Equal(new TextChange("Files the permit", null), diff.Description);
        Assert.Equal(["due"], diff.VariablesAdded);
        Assert.Equal(["company"], diff.VariablesRemoved);
        Assert.Equal(["amount"], diff.VariablesChanged);
        Assert.Empty(diff.ActivitiesChanged);
    }
}
