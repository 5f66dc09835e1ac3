using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Tests.Support;
using Xunit;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>The deadline inputs are checked before publishing, each problem named by its JSON path.</summary>
public sealed class DeadlineValidationTests
{
    private readonly DefinitionValidator _validator = new(ActivityRegistry.CreateDefault());

    /// <summary>The roof repair flow; activity 1 is the task with due, reminders and escalation.</summary>
    private static JsonObject RoofRepair() => JsonNode.Parse(DeadlineFlows.RoofRepair().Json)!.AsObject();

    private static JsonObject Inputs(JsonObject definition, int activity) => definition["activities"]![activity]!["inputs"]!.AsObject();

    private IReadOnlyList<DefinitionProblem> Validate(JsonObject definition) => _validator.Validate(definition.ToJsonString(), out _);

    [Fact]
    public void The_roof_repair_flow_with_due_reminders_and_a_ladder_is_valid()
    {
        Assert.Empty(Validate(RoofRepair()));
    }

    [Theory]
    [InlineData("due", "\"3days\"", "$.activities[1].inputs.due", "3days")]
    [InlineData("due", "\"0wd\"", "$.activities[1].inputs.due", "positive")]
    [InlineData("due", "\"P1M\"", "$.activities[1].inputs.due", "months")]
    [InlineData("due", "3", "$.activities[1].inputs.due", "string")]
    [InlineData("reminders", "[\"-PT2H\", \"1wd\"]", "$.activities[1].inputs.reminders[1]", "before the due time")]
    [InlineData("reminders", "[\"-1 day\"]", "$.activities[1].inputs.reminders[0]", "-1 day")]
    [InlineData("reminders", "\"-1wd\"", "$.activities[1].inputs.reminders", "list")]
    [InlineData("escalation", "[{\"notify\": [\"assignee\"]}]", "$.activities[1].inputs.escalation[0].after", "'after' is required")]
    [InlineData("escalation", "[{\"after\": \"-1wd\", \"notify\": [\"assignee\"]}]", "$.activities[1].inputs.escalation[0].after", "after the due time")]
    [InlineData("escalation", "[{\"after\": \"PT0S\", \"notify\": [\"assignee\", \"boss\"]}]", "$.activities[1].inputs.escalation[0].notify[1]", "'boss'")]
    [InlineData("escalation", "[{\"after\": \"PT0S\"}]", "$.activities[1].inputs.escalation[0]", "notify someone, open an approval or act")]
    [InlineData("escalation", "[{\"after\": \"PT0S\", \"approval\": {\"mode\": \"some\"}}]", "$.activities[1].inputs.escalation[0].approval.mode", "any, all or majority")]
    [InlineData("escalation", "[{\"after\": \"PT0S\", \"approval\": {\"approvers\": []}}]", "$.activities[1].inputs.escalation[0].approval.approvers", "non-empty")]
    public void A_bad_deadline_input_on_a_task_is_reported_at_its_path(string input, string json, string path, string says)
    {
        var definition = RoofRepair();
        Inputs(definition, 1)[input] = JsonNode.Parse(json);

        var problem = Assert.Single(Validate(definition));

        Assert.Equal(path, problem.Path);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approval_mode_other_than_any_all_or_majority_is_a_problem()
    {
        var definition = JsonNode.Parse(new FlowBuilder("budget")
            .Start()
            .Activity("vote", "Approval", new { approvers = new object[] { new { user = "leader" } }, mode = "some" })
            .End()
            .Chain("start", "vote")
            .Connect("vote", "end", "Approve").Json)!.AsObject();

        var problem = Assert.Single(Validate(definition));

        Assert.Equal("$.activities[1].inputs.mode", problem.Path);
        Assert.Contains("any, all, majority", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approval_without_approvers_is_a_problem()
    {
        var definition = JsonNode.Parse(new FlowBuilder("budget")
            .Start()
            .Activity("vote", "Approval", new { approvers = Array.Empty<object>() })
            .End()
            .Chain("start", "vote")
            .Connect("vote", "end", "Approve").Json)!.AsObject();

        Assert.Equal(["$.activities[1].inputs.approvers"], Validate(definition).Select(p => p.Path));
    }

    [Theory]
    [InlineData("Delay", "duration", "soon")]
    [InlineData("WaitSignal", "timeout", "-PT1H")]
    public void A_bad_delay_or_timeout_duration_is_reported_at_its_path(string type, string input, string value)
    {
        var inputs = new JsonObject { [input] = value };
        if (type == "WaitSignal")
        {
            inputs["signal"] = "signed";
        }
        var definition = JsonNode.Parse(new FlowBuilder("waiting").Start().End().Chain("start", "end").Json)!.AsObject();
        definition["activities"]!.AsArray().Add(new JsonObject { ["id"] = "wait", ["type"] = type, ["inputs"] = inputs });
        definition["connections"]!.AsArray().Add(new JsonObject { ["source"] = "start", ["outcome"] = "Done", ["target"] = "wait" });

        var problem = Assert.Single(Validate(definition));

        Assert.Equal($"$.activities[2].inputs.{input}", problem.Path);
    }

    [Fact]
    public void Every_bad_deadline_input_is_reported_at_once()
    {
        var definition = RoofRepair();
        var inputs = Inputs(definition, 1);
        inputs["due"] = "3days";
        inputs["reminders"] = new JsonArray("1wd");
        inputs["escalation"] = new JsonArray(new JsonObject { ["notify"] = new JsonArray("boss") });

        Assert.Equal(
            [
                "$.activities[1].inputs.due",
                "$.activities[1].inputs.reminders[0]",
                "$.activities[1].inputs.escalation[0].after",
                "$.activities[1].inputs.escalation[0].notify[0]",
            ],
            Validate(definition).Select(p => p.Path));
    }
}
