using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api.Expressions;

/// <summary>The designer's expression syntax check: the validator's parse, never an evaluation.</summary>
public sealed class ExpressionApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static async Task<JsonObject> CheckAsync(HttpClient client, string expression)
    {
        var response = await client.PostAsJsonAsync("/api/expressions/check", new { expression });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task An_expression_that_parses_is_valid_for_any_signed_in_user()
    {
        var squad = await app.ClientForAsync("squad");

        var body = await CheckAsync(squad, "amount > 1e8 && project.leader");

        Assert.True(body["valid"]!.GetValue<bool>());
        Assert.Null(body["error"]);
    }

    [Fact]
    public async Task An_expression_that_does_not_parse_is_invalid_with_the_parsers_message()
    {
        var admin = await app.ClientForAsync("admin");

        var body = await CheckAsync(admin, "amount >");

        Assert.False(body["valid"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(body["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_expression_is_only_parsed_never_run()
    {
        var admin = await app.ClientForAsync("admin");
        var watch = Stopwatch.StartNew();

        // Run, this would spin until the evaluator's timeout; parsed, it is fine at once.
        var body = await CheckAsync(admin, "(function () { while (true) {} })()");

        Assert.True(body["valid"]!.GetValue<bool>());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_missing_or_overlong_expression_is_400_naming_the_field()
    {
        var admin = await app.ClientForAsync("admin");

        var missing = await admin.PostAsJsonAsync("/api/expressions/check", new { });
        var overlong = await admin.PostAsJsonAsync("/api/expressions/check", new { expression = new string('a', 10_001) });

        foreach (var response in new[] { missing, overlong })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.True(errors.ContainsKey("expression"));
        }
    }
}
