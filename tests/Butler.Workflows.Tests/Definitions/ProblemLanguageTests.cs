using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Xunit;

namespace Butler.Workflows.Tests.Definitions;

/// <summary>Every definition problem is told in zh-CN as well as English, so the designer can speak the admin's language.</summary>
public sealed class ProblemLanguageTests
{
    private readonly DefinitionValidator _validator = new(new ActivityRegistry(ActivityRegistry.BuiltIn()));

    /// <summary>Start -> task -> end, with <paramref name="task"/> as the task's inputs and <paramref name="extra"/> more activities.</summary>
    private static string Definition(string task, string extraActivities = "", string extraConnections = "") => $$"""
        {
          "id": "permit",
          "name": "Permit",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "task", "type": "HumanTask", "inputs": {{task}} },
            { "id": "end", "type": "End" }{{extraActivities}}
          ],
          "connections": [
            { "source": "start", "target": "task" },
            { "source": "task", "outcome": "Done", "target": "end" }{{extraConnections}}
          ]
        }
        """;

    private const string Task = """{ "title": "T", "assignee": { "role": "Squad" } }""";

    private static IEnumerable<string> Broken()
    {
        // The definition itself.
        yield return """{ "id": "", "name": "", "activities": [], "connections": [] }""";
        yield return """{ "id": "-bad id", "name": "X", "activities": [ { "id": "start", "type": "Start" } ] }""";
        yield return """{ "id": "x", "name": "X", "variables": [ { "name": "1a" }, { "name": "a" }, { "name": "a" } ], "activities": [ { "id": "start", "type": "Start" } ] }""";
        // Malformed JSON and a JSON null.
        yield return """{ "id": "x", "name": "X", """;
        yield return "not json at all";
        yield return "null";
        // Activities: missing id and type, unknown type, duplicate id, second Start, unreachable, Join without Fork.
        yield return Definition(Task, """
            , { "id": "", "type": "" }, { "id": "ghost", "type": "Teleport" }, { "id": "task", "type": "End" },
            { "id": "start2", "type": "Start" }, { "id": "lonely", "type": "End" }, { "id": "join", "type": "Join" }
            """, """, { "source": "task", "outcome": "Done", "target": "join" }""");
        // No Start.
        yield return """{ "id": "x", "name": "X", "activities": [ { "id": "end", "type": "End" } ] }""";
        // Connections: missing and unknown source and target, bad outcome, a source without outcomes, back into Start.
        yield return Definition(Task, "", """
            , { "source": "", "target": "" }, { "source": "nowhere", "target": "nothing" },
            { "source": "task", "outcome": "Maybe", "target": "end" }, { "source": "end", "outcome": "Done", "target": "task" },
            { "source": "task", "outcome": "Done", "target": "start" }
            """);
        // Inputs: required missing, wrong types.
        yield return Definition("""{ "title": 5, "assignee": { "user": "" }, "outcomes": ["A", "A"] }""");
        yield return Definition("""{ "title": "T", "assignee": { "boss": "x" }, "outcomes": [] }""");
        yield return Definition("""{ "title": " ", "assignee": [1, 2], "outcomes": [1] }""");
        yield return Definition("""{ "title": "T", "assignee": { "expression": "a +" } }""");
        yield return Definition(Task, """
            , { "id": "d1", "type": "Decision", "inputs": { "condition": 1 } },
            { "id": "d2", "type": "Decision", "inputs": { "condition": "a +* )" } },
            { "id": "s1", "type": "SetVariable", "inputs": { "name": "1x", "value": "1" } },
            { "id": "j1", "type": "Join", "inputs": { "mode": "some" } },
            { "id": "w1", "type": "WaitSignal", "inputs": { "signal": "s", "timeout": "soon" } },
            { "id": "t1", "type": "Delay", "inputs": {} }
            """);
        // Durations and reminders.
        yield return Definition("""{ "title": "T", "assignee": { "role": "R" }, "due": 3, "reminders": "-1wd" }""");
        yield return Definition("""{ "title": "T", "assignee": { "role": "R" }, "due": "soon", "reminders": ["1wd", 5, "later"] }""");
        yield return Definition("""{ "title": "T", "assignee": { "role": "R" }, "due": "-PT4H" }""");
        yield return Definition("""{ "title": "T", "assignee": { "role": "R" }, "due": { "days": 3 } }""");
        // Escalation ladders.
        yield return Definition("""{ "title": "T", "assignee": { "role": "R" }, "due": "3wd", "escalation": { "after": "PT0S" } }""");
        yield return Definition("""
            { "title": "T", "assignee": { "role": "R" }, "due": "3wd", "escalation": [
              5,
              {},
              { "after": "-1wd", "notify": "boss" },
              { "after": "PT0S", "notify": ["chief", 7, { "user": "" }], "approval": 3 },
              { "after": "1wd", "approval": { "approvers": [], "outcomes": [], "mode": "some", "due": "0wd", "reminders": "x", "escalation": [] } },
              { "after": "2wd", "approval": { "approvers": [null, { "boss": "x" }], "reminders": ["PT1H"] } }
            ] }
            """);
        // Form fields.
        yield return Definition("""
            { "title": "T", "assignee": { "role": "R" }, "fields": [
              5,
              { "name": "1x", "label": 3, "type": "colour", "required": "yes" },
              { "name": "a", "type": "text" }, { "name": "a", "type": "text" }
            ] }
            """);
        yield return Definition("""{ "title": "T", "assignee": { "role": "R" }, "fields": {} }""");
        // Approvals.
        yield return Definition(Task, """
            , { "id": "a1", "type": "Approval", "inputs": { "approvers": [], "mode": "some", "outcomes": ["Yes", "Yes"] } },
            { "id": "a2", "type": "Approval", "inputs": { "approvers": { "role": "R" } } },
            { "id": "a3", "type": "Approval", "inputs": {} }
            """);
    }

    private List<DefinitionProblem> AllProblems() => [.. Broken().SelectMany(json => _validator.Validate(json, out _))];

    private static bool HasCjk(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Fact]
    public void Every_problem_has_a_chinese_message()
    {
        var problems = AllProblems();

        Assert.True(problems.Count >= 60, $"only {problems.Count} problems");
        Assert.All(problems, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.MessageZh), $"{p.Path}: {p.Message}");
            Assert.True(HasCjk(p.MessageZh!), $"{p.Path}: {p.MessageZh}");
            Assert.NotEqual(p.Message, p.MessageZh);
        });
    }

    [Theory]
    [InlineData("The definition needs an id.")]
    [InlineData("The definition needs a name.")]
    [InlineData("The definition has no Start activity.")]
    [InlineData("Every activity needs an id.")]
    [InlineData("Every activity needs a type.")]
    [InlineData("Unknown activity type 'Teleport'.")]
    [InlineData("Activity id 'task' is used twice.")]
    [InlineData("A definition has exactly one Start; this is a second one.")]
    [InlineData("Activity 'lonely' cannot be reached from Start.")]
    [InlineData("Join 'join' is not fed by any Fork.")]
    [InlineData("The connection has no source.")]
    [InlineData("The connection has no target.")]
    [InlineData("The source 'nowhere' is not an activity of this definition.")]
    [InlineData("The target 'nothing' is not an activity of this definition.")]
    [InlineData("Nothing may lead back into Start.")]
    [InlineData("'title' is required.")]
    [InlineData("'approvers' is required.")]
    [InlineData("Outcome 'A' is listed twice.")]
    [InlineData("Outcome 'Yes' is listed twice.")]
    [InlineData("Field 'a' is listed twice.")]
    [InlineData("'mode' is any, all or majority.")]
    [InlineData("An approver spec may not be null.")]
    [InlineData("An escalation step must notify someone, open an approval or act.")]
    [InlineData("A field must be an object {name, label, type, required}.")]
    [InlineData("'required' must be true or false.")]
    [InlineData("'-PT4H' must be a positive duration.")]
    [InlineData("'1wd' must be an offset before the due time, e.g. -1wd or -PT2H.")]
    [InlineData("'-1wd' must be an offset after the due time, e.g. PT0S or 1wd.")]
    public void The_broken_definitions_cover_the_problem(string message)
    {
        Assert.Contains(AllProblems(), p => p.Message == message);
    }

    [Fact]
    public void Malformed_JSON_says_where_reading_stopped_in_both_languages()
    {
        var malformed = Assert.Single(_validator.Validate("""{ "id": "x", "name": "X", """, out _));
        Assert.StartsWith("Malformed JSON (line 1, position 27)", malformed.Message);
        Assert.StartsWith("JSON 格式有误（第 1 行，第 27 个字符）", malformed.MessageZh);

        var expression = Assert.Single(AllProblems(), p => p.Path == "$.activities[4].inputs.condition");
        Assert.StartsWith("The expression does not parse: ", expression.Message);
        Assert.EndsWith(expression.Message["The expression does not parse: ".Length..], expression.MessageZh);
    }

    [Fact]
    public void For_picks_the_language()
    {
        var problem = new DefinitionProblem("$.name", "The definition needs a name.", "流程定义须填写名称。");

        Assert.Equal("流程定义须填写名称。", problem.For("zh-CN"));
        Assert.Equal("流程定义须填写名称。", problem.For("zh"));
        Assert.Equal("The definition needs a name.", problem.For("en"));
        Assert.Equal("The definition needs a name.", problem.For("en-US"));
        // The one rule (ADR 023): zh-CN unless the culture is English, so an unknown or missing culture reads Chinese.
        Assert.Equal("流程定义须填写名称。", problem.For(null));
        Assert.Equal("流程定义须填写名称。", problem.For("fr"));
        Assert.Equal("Only English.", new DefinitionProblem("$", "Only English.").For("zh-CN"));
    }

    [Fact]
    public void The_chinese_message_travels_in_json_as_messageZh()
    {
        var problem = new DefinitionProblem("$.name", "The definition needs a name.", "流程定义须填写名称。");

        var json = JsonSerializer.Serialize(problem, DefinitionJson.Options);
        Assert.Equal("流程定义须填写名称。", JsonNode.Parse(json)!["messageZh"]!.GetValue<string>());
        Assert.Equal(problem, JsonSerializer.Deserialize<DefinitionProblem>(json, DefinitionJson.Options));
        Assert.Null(JsonSerializer.Deserialize<DefinitionProblem>("""{ "path": "$", "message": "M" }""", DefinitionJson.Options)!.MessageZh);
    }
}
