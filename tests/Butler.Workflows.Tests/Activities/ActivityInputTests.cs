using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Xunit;

namespace Butler.Workflows.Tests.Activities;

public sealed class ActivityInputTests
{
    private static readonly LocalizedText Words = new("Words", "文字");

    private static InputDescriptor Described(string name, InputType type) => new(name, type, false, Words, Words);

    private static JsonObject Inputs(string json) => JsonNode.Parse(json)!.AsObject();

    [Theory]
    [InlineData(InputType.Text)]
    [InlineData(InputType.Expression)]
    [InlineData(InputType.Identifier)]
    [InlineData(InputType.Duration)]
    public void A_text_input_reads_its_string_and_null_when_absent_or_not_a_string(InputType type)
    {
        var input = ActivityInput.String(Described("text", type));

        Assert.Equal("amount > 1e8", input.Read(Inputs("""{ "text": "amount > 1e8" }""")));
        Assert.Equal("", input.Read(Inputs("""{ "text": "" }""")));
        Assert.Null(input.Read(Inputs("{}")));
        Assert.Null(input.Read(Inputs("""{ "text": null }""")));
        Assert.Null(input.Read(Inputs("""{ "text": 42 }""")));
        Assert.Null(input.Read(Inputs("""{ "text": { "expression": "x" } }""")));
    }

    [Fact]
    public void A_template_reads_a_string_as_the_same_in_both_languages_or_an_object_with_both()
    {
        var input = ActivityInput.Template(Described("title", InputType.Template));

        Assert.Equal(new LocalizedText("Sign {{company}}"), input.Read(Inputs("""{ "title": "Sign {{company}}" }""")));
        Assert.Equal(new LocalizedText("Sign {{company}}", "签约{{company}}"),
            input.Read(Inputs("""{ "title": { "zh-CN": "签约{{company}}", "en": "Sign {{company}}" } }""")));
        Assert.Null(input.Read(Inputs("{}")));
        Assert.Null(input.Read(Inputs("""{ "title": 42 }""")));
        Assert.Null(input.Read(Inputs("""{ "title": { "fr": "Signer" } }""")));
    }

    [Fact]
    public void A_choice_reads_its_declared_default_when_absent_or_not_a_string()
    {
        var mode = ActivityInput.String(Described("mode", InputType.Choice) with { Default = "any", Options = ["any", "all"] });

        Assert.Equal("all", mode.Read(Inputs("""{ "mode": "all" }""")));
        Assert.Equal("any", mode.Read(Inputs("{}")));
        Assert.Equal("any", mode.Read(Inputs("""{ "mode": true }""")));
    }

    [Fact]
    public void A_string_list_reads_its_non_empty_strings_and_falls_back_to_its_default()
    {
        var outcomes = ActivityInput.StringList(Described("outcomes", InputType.StringList) with { Default = new JsonArray("Done") });
        var bare = ActivityInput.StringList(Described("tags", InputType.StringList));

        Assert.Equal(["Approve", "Reject"], outcomes.Read(Inputs("""{ "outcomes": ["Approve", "", 3, null, "Reject"] }""")));
        Assert.Equal(["Done"], outcomes.Read(Inputs("{}")));
        Assert.Equal(["Done"], outcomes.Read(Inputs("""{ "outcomes": [] }""")));
        Assert.Equal(["Done"], outcomes.Read(Inputs("""{ "outcomes": "Approve" }""")));
        Assert.Empty(outcomes.Read(Inputs("""{ "outcomes": [1, 2] }""")));
        Assert.Empty(bare.Read(Inputs("{}")));
    }

    [Fact]
    public void A_form_field_list_reads_the_json_array()
    {
        var fields = ActivityInput.Array(Described("fields", InputType.FormFields));
        var inputs = Inputs("""{ "fields": [ { "name": "note", "type": "text" } ] }""");

        Assert.Same(inputs["fields"], fields.Read(inputs));
        Assert.Null(fields.Read(Inputs("{}")));
        Assert.Null(fields.Read(Inputs("""{ "fields": { "name": "note" } }""")));
    }

    [Theory]
    [InlineData(InputType.Assignee, """{ "user": "ann" }""")]
    [InlineData(InputType.Assignee, """{ "expression": "project.squad" }""")]
    [InlineData(InputType.AssigneeList, """[ { "role": "Leader" }, { "expression": "project.leader" } ]""")]
    [InlineData(InputType.AssigneeList, """{ "expression": "project.leaders" }""")]
    public void A_spec_reads_its_json_unchanged_for_the_run_to_resolve(InputType type, string spec)
    {
        var input = ActivityInput.Spec(Described("who", type));
        var inputs = new JsonObject { ["who"] = JsonNode.Parse(spec) };

        Assert.Same(inputs["who"], input.Read(inputs));
        Assert.Null(input.Read(Inputs("{}")));
    }

    [Fact]
    public void An_input_knows_whether_a_definition_sets_it_even_to_null()
    {
        var timeout = ActivityInput.String(Described("timeout", InputType.Duration));

        Assert.True(timeout.IsSet(Inputs("""{ "timeout": null }""")));
        Assert.True(timeout.IsSet(Inputs("""{ "timeout": "PT4H" }""")));
        Assert.False(timeout.IsSet(Inputs("{}")));
        Assert.Equal("timeout", timeout.Name);
    }

    [Theory]
    [InlineData(InputType.FormFields)]
    [InlineData(InputType.Assignee)]
    [InlineData(InputType.StringList)]
    [InlineData(InputType.ReminderList)]
    public void A_text_reader_refuses_an_input_declared_as_something_else(InputType type)
    {
        var refused = Assert.Throws<ArgumentException>(() => ActivityInput.String(Described("odd", type)));

        Assert.Contains("'odd'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_reader_refuses_the_kinds_it_does_not_read()
    {
        Assert.Throws<ArgumentException>(() => ActivityInput.StringList(Described("x", InputType.Text)));
        Assert.Throws<ArgumentException>(() => ActivityInput.Array(Described("x", InputType.StringList)));
        Assert.Throws<ArgumentException>(() => ActivityInput.Spec(Described("x", InputType.Expression)));
    }

    [Fact]
    public void The_built_in_activities_read_their_defaults_from_their_declarations()
    {
        Assert.Equal(["Done"], HumanTaskActivity.Outcomes.Read(Inputs("{}")));
        Assert.Equal(ApprovalActivity.DefaultOutcomes, ApprovalActivity.Outcomes.Read(Inputs("{}")));
        Assert.Equal("any", ApprovalActivity.Mode.Read(Inputs("{}")));
        Assert.Equal("all", JoinActivity.Mode.Read(Inputs("{}")));
    }
}
