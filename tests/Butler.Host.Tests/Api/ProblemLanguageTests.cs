using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api;

/// <summary>Problem details speak the caller's language and carry the engine's code.</summary>
public sealed class ProblemLanguageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<(HttpClient Client, Guid TaskId)> DoneTaskAsync(string userName)
    {
        var (taskId, _) = await TestTasks.OpenSquadTaskAsync(app, "lang");
        var client = await app.ClientForAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
        return (client, taskId);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string url, string? language, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> CompleteAgainAsync(HttpClient client, Guid taskId, string? language) =>
        SendAsync(client, HttpMethod.Post, $"/api/tasks/{taskId}/complete", language, new { outcome = "Done", fields = new { amount = 3 } });

    [Fact]
    public async Task Completing_a_done_task_twice_answers_409_in_Chinese_for_zh_CN_with_its_code()
    {
        var (client, taskId) = await DoneTaskAsync("squad");

        var (status, body) = await CompleteAgainAsync(client, taskId, "zh-CN,zh;q=0.9,en;q=0.8");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("task.notOpen", body["code"]!.GetValue<string>());
        Assert.Equal("done", body["args"]!["status"]!.GetValue<string>());
        Assert.Equal("任务已办结。", body["detail"]!.GetValue<string>());
        Assert.Equal("冲突", body["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Completing_a_done_task_twice_answers_409_in_English_for_en()
    {
        var (client, taskId) = await DoneTaskAsync("squad");

        var (status, body) = await CompleteAgainAsync(client, taskId, "en-GB");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("task.notOpen", body["code"]!.GetValue<string>());
        Assert.Equal("The task is already done.", body["detail"]!.GetValue<string>());
        Assert.Equal("Conflict", body["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("zh-CN", "应为 mine、done、started、cc 或 all。", "从 1 开始。", "请求中有错误。")]
    [InlineData("en", "scope is mine, done, started, cc or all.", "page starts at 1.", "One or more validation errors occurred.")]
    public async Task A_refused_field_carries_its_code_and_arguments_and_reads_in_the_callers_language(
        string language, string scope, string page, string title)
    {
        var client = await app.ClientForAsync("squad");

        var (status, body) = await SendAsync(client, HttpMethod.Get, "/api/tasks?scope=everyone&page=0", language);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("validation", body["code"]!.GetValue<string>());
        Assert.Equal(scope, body["errors"]!["scope"]![0]!.GetValue<string>());
        Assert.Equal(page, body["errors"]!["page"]![0]!.GetValue<string>());
        Assert.Equal("field.oneOf", body["fields"]!["scope"]!["code"]!.GetValue<string>());
        Assert.Equal("mine|done|started|cc|all", body["fields"]!["scope"]!["args"]!["choices"]!.GetValue<string>());
        Assert.Equal("field.pageFromOne", body["fields"]!["page"]!["code"]!.GetValue<string>());
        Assert.Equal(title, body["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("zh-CN", "此任务的办理结果只有完成或驳回，没有“Nope”。")]
    [InlineData("en", "This task offers Done or Reject, not 'Nope'.")]
    public async Task An_engine_refusal_of_a_field_reads_in_the_callers_language(string language, string message)
    {
        var (taskId, _) = await TestTasks.OpenSquadTaskAsync(app, "lang-field");
        var client = await app.ClientForAsync("squad");

        var (status, body) = await SendAsync(client, HttpMethod.Post, $"/api/tasks/{taskId}/complete", language, new { outcome = "Nope" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, body["errors"]!["outcome"]![0]!.GetValue<string>());
        Assert.Equal("field.outcomeNotOffered", body["fields"]!["outcome"]!["code"]!.GetValue<string>());
        Assert.Equal("Nope", body["fields"]!["outcome"]!["args"]!["outcome"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("zh-CN", "第 2 个字符是不允许的控制字符 U+0001，请删除。")]
    [InlineData("en", "'q' holds the control character U+0001 at character 2; remove it.")]
    public async Task The_input_guard_refuses_in_the_callers_language(string language, string message)
    {
        var client = await app.ClientForAsync("squad");

        var (status, body) = await SendAsync(client, HttpMethod.Get, "/api/tasks?q=a%01b", language);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, body["errors"]!["q"]![0]!.GetValue<string>());
        Assert.Equal("field.control", body["fields"]!["q"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_Accept_Language_the_problem_is_in_the_profile_language()
    {
        // Demo users read zh-CN; the test users' profile says en.
        var (chinese, taskId) = await DoneTaskAsync("squad");
        var english = await app.ClientForAsync(await TestUsers.CreateAsync(app, "reader", "Squad"));

        var (_, zh) = await CompleteAgainAsync(chinese, taskId, null);
        var (_, en) = await CompleteAgainAsync(english, taskId, null);

        Assert.Equal("任务已办结。", zh["detail"]!.GetValue<string>());
        Assert.Equal("The task is already done.", en["detail"]!.GetValue<string>());
        Assert.Equal("task.notOpen", en["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_header_wins_over_the_profile_language()
    {
        var (client, taskId) = await DoneTaskAsync("squad");

        var (_, body) = await CompleteAgainAsync(client, taskId, "en");

        Assert.Equal("The task is already done.", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_task_answers_404_in_the_callers_language_with_its_code()
    {
        var client = await app.ClientForAsync("squad");
        var missing = Guid.NewGuid();

        var (zhStatus, zh) = await SendAsync(client, HttpMethod.Get, $"/api/tasks/{missing}", "zh-CN");
        var (enStatus, en) = await SendAsync(client, HttpMethod.Get, $"/api/tasks/{missing}", "en-US,en;q=0.9");

        Assert.Equal(HttpStatusCode.NotFound, zhStatus);
        Assert.Equal(HttpStatusCode.NotFound, enStatus);
        Assert.Equal("task.notFound", zh["code"]!.GetValue<string>());
        Assert.Equal(missing.ToString(), en["args"]!["taskId"]!.GetValue<string>());
        Assert.Equal($"没有任务 {missing}。", zh["detail"]!.GetValue<string>());
        Assert.Equal("未找到", zh["title"]!.GetValue<string>());
        Assert.Equal($"No task {missing}.", en["detail"]!.GetValue<string>());
        Assert.Equal("Not found", en["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_validation_problem_carries_the_code_validation()
    {
        var client = await app.ClientForAsync("admin");

        var (status, body) = await SendAsync(client, HttpMethod.Post, "/api/workflow-instances", "en", new { definitionId = "no-such-definition" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("validation", body["code"]!.GetValue<string>());
        Assert.NotNull(body["errors"]!["definitionId"]);
    }
}
