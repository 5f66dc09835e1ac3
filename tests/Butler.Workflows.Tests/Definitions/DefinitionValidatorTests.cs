using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Xunit;

namespace Butler.Workflows.Tests.Definitions;

public sealed class DefinitionValidatorTests
{
    private readonly DefinitionValidator _validator = new(ActivityRegistry.CreateDefault());

    /// <summary>A valid definition: start -> review (Approve/Reject) -> end, with a decision on Reject.</summary>
    private static JsonObject Valid() => JsonNode.Parse("""
        {
          "id": "permit",
          "name": "Permit proxy filing",
          "variables": [ { "name": "amount", "default": 0 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "HumanTask", "inputs": { "title": "Review {{amount}}", "assignee": { "role": "Squad" }, "outcomes": ["Approve", "Reject"] } },
            { "id": "big", "type": "Decision", "inputs": { "condition": "amount > 1e8" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "review" },
            { "source": "review", "outcome": "Approve", "target": "end" },
            { "source": "review", "outcome": "Reject", "target": "big" },
            { "source": "big", "outcome": "True", "target": "end" },
            { "source": "big", "outcome": "False", "target": "review" }
          ]
        }
        """)!.AsObject();

    private IReadOnlyList<DefinitionProblem> Validate(JsonObject definition) => _validator.Validate(definition.ToJsonString(), out _);

    private static JsonArray Activities(JsonObject d) => d["activities"]!.AsArray();

    private static JsonArray Connections(JsonObject d) => d["connections"]!.AsArray();

    private static DefinitionProblem Single(IReadOnlyList<DefinitionProblem> problems, string path)
    {
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        return problem;
    }

    [Fact]
    public void A_well_formed_definition_has_no_problems()
    {
        var problems = _validator.Validate(Valid().ToJsonString(), out var model);

        Assert.Empty(problems);
        Assert.Equal(4, model!.Activities.Count);
    }

    [Theory]
    [InlineData("""{ "id": "x", "name": "X", """)]
    [InlineData("""{ "id": "x", "activities": [ { "id": "a" } }""")]
    [InlineData("""{ "id": 'x' }""")]
    [InlineData("not json at all")]
    public void Malformed_JSON_is_the_one_problem_reported_with_where_reading_stopped(string json)
    {
        var problems = _validator.Validate(json, out var model);

        Assert.Null(model);
        var problem = Assert.Single(problems);
        Assert.StartsWith("$", problem.Path, StringComparison.Ordinal);
        Assert.StartsWith("Malformed JSON (line 1, position ", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "x", "activities": [ { "id": "a", "type": 5 } ] }""", "$.activities[0].type", "'$.activities[0].type' must be text.")]
    [InlineData("""{ "id": "x", "activities": [ { "id": "a", "type": "End", "inputs": [] } ] }""", "$.activities[0].inputs", "'$.activities[0].inputs' must be an object.")]
    [InlineData("""{ "id": "x", "activities": {} }""", "$.activities", "'$.activities' must be an array.")]
    [InlineData("""{ "id": "x", "version": "two" }""", "$.version", "'$.version' must be a whole number.")]
    [InlineData("""{ "id": "x", "activities": [ { "id": "a", "position": { "x": "left" } } ] }""", "$.activities[0].position.x", "'$.activities[0].position.x' must be a number.")]
    public void A_value_of_the_wrong_kind_is_named_by_its_path_in_the_words_of_the_definition(string json, string path, string message)
    {
        var problem = Assert.Single(_validator.Validate(json, out _));

        Assert.Equal(path, problem.Path);
        Assert.Equal(message, problem.Message);
        Assert.DoesNotContain("System.", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_that_is_not_an_object_is_refused()
    {
        var problem = Assert.Single(_validator.Validate("null", out _));

        Assert.Equal("$", problem.Path);
    }

    [Fact]
    public void An_unknown_activity_type_is_reported_at_its_type()
    {
        var d = Valid();
        Activities(d)[2]!["type"] = "Teleport";

        var problem = Single(Validate(d), "$.activities[2].type");
        Assert.Equal("Unknown activity type 'Teleport'.", problem.Message);
    }

    [Fact]
    public void A_definition_without_Start_is_reported_at_the_activities()
    {
        var d = Valid();
        Activities(d).RemoveAt(0);
        Connections(d).RemoveAt(0);

        var problems = Validate(d);

        Assert.Contains(problems, p => p.Path == "$.activities" && p.Message == "The definition has no Start activity.");
        Assert.All(problems, p => Assert.Equal("$.activities", p.Path));
    }

    [Fact]
    public void A_second_Start_is_reported_at_its_type()
    {
        var d = Valid();
        Activities(d).Add(new JsonObject { ["id"] = "start2", ["type"] = "Start" });
        Connections(d).Add(new JsonObject { ["source"] = "start2", ["target"] = "end" });

        var problems = Validate(d);

        Assert.Contains(problems, p => p.Path == "$.activities[4].type" && p.Message.Contains("exactly one Start", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_activity_id_is_reported_at_the_second_one()
    {
        var d = Valid();
        Activities(d)[3]!["id"] = "review";
        Connections(d).Clear();
        Connections(d).Add(new JsonObject { ["source"] = "start", ["target"] = "review" });

        var problem = Single(Validate(d).Where(p => p.Path.EndsWith(".id", StringComparison.Ordinal)).ToList(), "$.activities[3].id");
        Assert.Equal("Activity id 'review' is used twice.", problem.Message);
    }

    [Fact]
    public void A_connection_from_an_activity_that_does_not_exist_is_reported_at_its_source()
    {
        var d = Valid();
        Connections(d).Add(new JsonObject { ["source"] = "ghost", ["target"] = "end" });

        var problem = Single(Validate(d), "$.connections[5].source");
        Assert.Equal("The source 'ghost' is not an activity of this definition.", problem.Message);
    }

    [Fact]
    public void A_connection_to_an_activity_that_does_not_exist_is_reported_at_its_target()
    {
        var d = Valid();
        Connections(d)[1]!["target"] = "nowhere";

        var problems = Validate(d);

        Assert.Contains(problems, p => p.Path == "$.connections[1].target" && p.Message == "The target 'nowhere' is not an activity of this definition.");
    }

    [Fact]
    public void A_connection_without_source_or_target_is_reported_at_each()
    {
        var d = Valid();
        Connections(d).Add(new JsonObject { ["outcome"] = "Done" });

        var problems = Validate(d);

        Assert.Equal(["$.connections[5].source", "$.connections[5].target"], problems.Select(p => p.Path));
    }

    [Fact]
    public void An_outcome_the_source_does_not_offer_is_reported_with_the_ones_it_does()
    {
        var d = Valid();
        Connections(d)[1]!["outcome"] = "Approved";

        var problem = Single(Validate(d), "$.connections[1].outcome");
        Assert.Equal("'review' (HumanTask) has no outcome 'Approved'; it offers Approve, Reject.", problem.Message);
    }

    [Fact]
    public void A_connection_out_of_End_is_reported_because_End_has_no_outcomes()
    {
        var d = Valid();
        Connections(d).Add(new JsonObject { ["source"] = "end", ["target"] = "review" });

        var problem = Single(Validate(d), "$.connections[5].outcome");
        Assert.Contains("has no outcomes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_back_into_Start_is_reported()
    {
        var d = Valid();
        Connections(d)[4]!["target"] = "start";

        Assert.Contains(Validate(d), p => p.Path == "$.connections[4].target" && p.Message == "Nothing may lead back into Start.");
    }

    [Fact]
    public void An_activity_that_cannot_be_reached_from_Start_is_reported()
    {
        var d = Valid();
        Activities(d).Add(new JsonObject { ["id"] = "island", ["type"] = "End" });

        var problem = Single(Validate(d), "$.activities[4]");
        Assert.Equal("Activity 'island' cannot be reached from Start.", problem.Message);
    }

    [Fact]
    public void A_Join_that_no_Fork_feeds_is_reported()
    {
        var d = Valid();
        Activities(d).Add(new JsonObject { ["id"] = "join", ["type"] = "Join" });
        Connections(d)[1]!["target"] = "join";
        Connections(d).Add(new JsonObject { ["source"] = "join", ["target"] = "end" });

        var problem = Single(Validate(d), "$.activities[4]");
        Assert.Equal("Join 'join' is not fed by any Fork.", problem.Message);
    }

    [Fact]
    public void A_Join_fed_by_a_Fork_upstream_is_fine()
    {
        var d = Valid();
        Activities(d).Add(new JsonObject { ["id"] = "fork", ["type"] = "Fork" });
        Activities(d).Add(new JsonObject { ["id"] = "join", ["type"] = "Join", ["inputs"] = new JsonObject { ["mode"] = "any" } });
        Connections(d)[0]!["target"] = "fork";
        Connections(d).Add(new JsonObject { ["source"] = "fork", ["target"] = "review" });
        Connections(d).Add(new JsonObject { ["source"] = "fork", ["target"] = "join" });
        Connections(d)[1]!["target"] = "join";
        Connections(d).Add(new JsonObject { ["source"] = "join", ["target"] = "end" });

        Assert.Empty(Validate(d));
    }

    [Theory]
    [InlineData(2, "condition", "amount >")]
    [InlineData(2, "condition", "if (")]
    [InlineData(2, "condition", "amount => =>")]
    public void An_expression_that_does_not_parse_is_reported_at_its_input(int index, string input, string expression)
    {
        var d = Valid();
        Activities(d)[index]!["inputs"]![input] = expression;

        var problem = Single(Validate(d), $"$.activities[{index}].inputs.{input}");
        Assert.StartsWith("The expression does not parse: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignee_expression_that_does_not_parse_is_reported_inside_the_assignee()
    {
        var d = Valid();
        Activities(d)[1]!["inputs"]!["assignee"] = new JsonObject { ["expression"] = "project.(squad" };

        var problem = Single(Validate(d), "$.activities[1].inputs.assignee.expression");
        Assert.StartsWith("The expression does not parse", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "title")]
    [InlineData(1, "assignee")]
    [InlineData(2, "condition")]
    public void A_required_input_that_is_missing_or_blank_is_reported(int index, string input)
    {
        var missing = Valid();
        Activities(missing)[index]!["inputs"]!.AsObject().Remove(input);
        var blank = Valid();
        Activities(blank)[index]!["inputs"]![input] = "  ";

        Assert.Equal($"'{input}' is required.", Single(Validate(missing), $"$.activities[{index}].inputs.{input}").Message);
        Assert.Contains(Validate(blank), p => p.Path == $"$.activities[{index}].inputs.{input}");
    }

    [Fact]
    public void Required_inputs_of_SetVariable_and_WaitSignal_are_reported()
    {
        var d = Valid();
        Activities(d).Add(new JsonObject { ["id"] = "set", ["type"] = "SetVariable", ["inputs"] = new JsonObject { ["value"] = "1" } });
        Activities(d).Add(new JsonObject { ["id"] = "wait", ["type"] = "WaitSignal" });
        Connections(d).Add(new JsonObject { ["source"] = "start", ["target"] = "set" });
        Connections(d).Add(new JsonObject { ["source"] = "set", ["target"] = "wait" });

        Assert.Equal(["$.activities[4].inputs.name", "$.activities[5].inputs.signal"], Validate(d).Select(p => p.Path));
    }

    public static TheoryData<int, string, string, string> WrongTypes => new()
    {
        { 1, "title", "5", "'title' must be a string, or an object with \"zh-CN\" and \"en\" strings." },
        { 1, "title", "{\"fr\": \"Signer\"}", "'title' must be a string, or an object with \"zh-CN\" and \"en\" strings." },
        { 1, "outcomes", "\"Approve\"", "'outcomes' must be a list of non-empty strings." },
        { 1, "outcomes", "[\"Approve\", \"\"]", "'outcomes' must be a list of non-empty strings." },
        { 1, "outcomes", "[]", "'outcomes' must list at least one value." },
        { 1, "assignee", "\"ann\"", "'assignee' must be {\"user\": name}, {\"role\": name} or {\"expression\": code}." },
        { 1, "assignee", "{\"group\": \"x\"}", "'assignee' must be {\"user\": name}, {\"role\": name} or {\"expression\": code}." },
        { 1, "fields", "{\"name\": \"x\"}", "'fields' must be a list of fields {name, label, type, required}." },
        { 2, "condition", "true", "'condition' must be an expression string." },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void An_input_of_the_wrong_type_is_reported_at_the_input(int index, string input, string json, string message)
    {
        var d = Valid();
        Activities(d)[index]!["inputs"]![input] = JsonNode.Parse(json);

        var problems = Validate(d).Where(p => p.Path.StartsWith($"$.activities[{index}].inputs.{input}", StringComparison.Ordinal)).ToList();

        Assert.Equal(message, Single(problems, $"$.activities[{index}].inputs.{input}").Message);
    }

    [Fact]
    public void Choice_and_identifier_inputs_are_checked()
    {
        var d = Valid();
        Activities(d).Add(new JsonObject { ["id"] = "fork", ["type"] = "Fork" });
        Activities(d).Add(new JsonObject { ["id"] = "join", ["type"] = "Join", ["inputs"] = new JsonObject { ["mode"] = "most" } });
        Activities(d).Add(new JsonObject { ["id"] = "set", ["type"] = "SetVariable", ["inputs"] = new JsonObject { ["name"] = "1st", ["value"] = "1" } });
        Connections(d)[0]!["target"] = "fork";
        Connections(d).Add(new JsonObject { ["source"] = "fork", ["target"] = "review" });
        Connections(d).Add(new JsonObject { ["source"] = "fork", ["target"] = "join" });
        Connections(d).Add(new JsonObject { ["source"] = "join", ["target"] = "set" });

        var problems = Validate(d);

        Assert.Contains(problems, p => p.Path == "$.activities[5].inputs.mode" && p.Message == "'mode' must be one of: all, any.");
        Assert.Contains(problems, p => p.Path == "$.activities[6].inputs.name" && p.Message.StartsWith("'name' must be an identifier", StringComparison.Ordinal));
    }

    [Fact]
    public void Form_field_problems_are_reported_at_the_field()
    {
        var d = Valid();
        Activities(d)[1]!["inputs"]!["fields"] = JsonNode.Parse("""
            [
              { "name": "fee", "type": "money" },
              { "name": "2nd", "type": "text", "required": "yes" },
              "note",
              { "name": "fee", "type": "number", "label": 5 }
            ]
            """);

        var problems = Validate(d);

        Assert.Equal(
            [
                "$.activities[1].inputs.fields",
                "$.activities[1].inputs.fields[0].type",
                "$.activities[1].inputs.fields[1].name",
                "$.activities[1].inputs.fields[1].required",
                "$.activities[1].inputs.fields[2]",
                "$.activities[1].inputs.fields[3].label",
            ],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains(problems, p => p.Message == "Field 'fee' is listed twice.");
    }

    [Fact]
    public void Definition_level_problems_are_reported_at_their_paths()
    {
        var d = Valid();
        d["id"] = "has spaces";
        d["name"] = "";
        d["variables"] = JsonNode.Parse("""[ { "name": "amount" }, { "name": "amount" }, { "name": "not valid" } ]""");

        Assert.Equal(["$.id", "$.name", "$.variables[1].name", "$.variables[2].name"], Validate(d).Select(p => p.Path));
    }

    [Fact]
    public void A_definition_with_several_problems_reports_all_of_them()
    {
        var json = """
            {
              "id": "broken",
              "name": "Broken",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "start", "type": "End" },
                { "id": "task", "type": "HumanTask", "inputs": { "assignee": { "user": "ann" } } },
                { "id": "check", "type": "Decision", "inputs": { "condition": "x >" } },
                { "id": "odd", "type": "Wormhole" },
                { "id": "join", "type": "Join" },
                { "id": "lost", "type": "End" }
              ],
              "connections": [
                { "source": "start", "target": "task" },
                { "source": "task", "outcome": "Approve", "target": "check" },
                { "source": "check", "outcome": "Maybe", "target": "join" },
                { "source": "check", "outcome": "True", "target": "ghost" },
                { "source": "odd", "target": "join" }
              ]
            }
            """;

        var problems = _validator.Validate(json, out _);

        Assert.Equal(
            [
                "$.activities[1].id",
                "$.activities[2].inputs.title",
                "$.activities[3].inputs.condition",
                "$.activities[4]",
                "$.activities[4].type",
                "$.activities[5]",
                "$.activities[6]",
                "$.connections[1].outcome",
                "$.connections[2].outcome",
                "$.connections[3].target",
            ],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DefinitionService_reports_problems_grouped_by_path()
    {
        var d = Valid();
        d["name"] = "";
        Activities(d)[1]!["inputs"]!["title"] = 5;

        var errors = DefinitionService.ToErrors(Validate(d));

        Assert.Equal(["$.activities[1].inputs.title", "$.name"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
