using System.Text.Json.Nodes;
using Butler.Workflows.Input;
using Xunit;

namespace Butler.Workflows.Tests.Input;

public sealed class JsonInputErrorsTests
{
    private sealed record Body(string? Name, decimal? Amount, int? Count, bool? Flag, Guid? Id, DateOnly? Day, DateTimeOffset? At,
        IReadOnlyList<string>? Members, JsonObject? Fields, JsonNode? Payload, IReadOnlyList<Item>? Items, DayOfWeek? Weekday);

    private sealed record Item(string Code);

    [Theory]
    [InlineData("$", "an object")]
    [InlineData("$.name", "text")]
    [InlineData("$.amount", "a number")]
    [InlineData("$.count", "a whole number")]
    [InlineData("$.flag", "true or false")]
    [InlineData("$.id", "an id written as a GUID, e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    [InlineData("$.day", "a date written yyyy-MM-dd")]
    [InlineData("$.at", "an instant with its offset, e.g. 2026-12-01T18:00:00+08:00")]
    [InlineData("$.members", "an array")]
    [InlineData("$.members[2]", "text")]
    [InlineData("$.fields", "an object")]
    [InlineData("$.items[0].code", "text")]
    [InlineData("$['items'][0]['code']", "text")]
    [InlineData("$.weekday", "one of sunday, monday, tuesday, wednesday, thursday, friday, saturday")]
    public void The_kind_a_path_expects_is_said_in_words(string path, string expected)
    {
        Assert.Equal(expected, JsonInputErrors.Expected(typeof(Body), path)?.En);
    }

    [Theory]
    [InlineData("$.payload")]
    [InlineData("$.fields.anything")]
    [InlineData("$.noSuchProperty")]
    public void A_path_into_free_JSON_or_nowhere_expects_nothing_in_particular(string path)
    {
        Assert.Null(JsonInputErrors.Expected(typeof(Body), path));
    }

    [Theory]
    [InlineData("""{ "a": 1 }""", null, null)]
    [InlineData("""{ "a": """, 1L, 8L)]
    [InlineData("{\n  \"a\": 1,\n  }", 3L, 3L)]
    [InlineData("not json", 1L, 2L)]
    public void Malformed_JSON_is_found_with_its_line_and_position(string json, long? line, long? position)
    {
        var error = JsonInputErrors.FindSyntaxError(json);

        Assert.Equal(line, error?.Line);
        Assert.Equal(position, error?.Position);
    }
}
