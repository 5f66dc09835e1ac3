using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Idempotency;

/// <summary>
/// Idempotency-Key over real HTTP on every keyed endpoint: a key is the caller's own, for one operation on one target;
/// the permission check comes before any replay; a replay answers the first answer (status, body, Location); a key
/// reused with another request is 422; overlapping copies of one request do the work once and all get its answer.
/// </summary>
public abstract class IdempotencyTests(ButlerApp app)
{
    private const string Header = "Idempotency-Key";

    protected ButlerApp App { get; } = app;

    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    private static HttpRequestMessage Post(string url, object? body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(Header, key);
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object? body, string key)
    {
        using var request = Post(url, body, key);
        return await client.SendAsync(request);
    }

    /// <summary>A published definition whose one task goes to the user named by the input's <c>assignee</c>.</summary>
    private async Task<string> PersonalTaskDefinitionAsync()
    {
        var admin = await App.ClientForAsync("admin");
        var id = $"idem-{Guid.NewGuid():N}"[..30];
        var json = $$"""
            {
              "id": "{{id}}", "name": "Personal task",
              "variables": [ { "name": "assignee", "default": "" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "work", "type": "HumanTask", "inputs": {
                    "title": "Work", "assignee": { "expression": "assignee" }, "outcomes": ["Done"],
                    "fields": [ { "name": "note", "label": "Note", "type": "text" } ] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "work" },
                { "source": "work", "outcome": "Done", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        return id;
    }

    private async Task<(Guid TaskId, Guid InstanceId)> TaskForAsync(string definitionId, string assignee)
    {
        var admin = await App.ClientForAsync("admin");
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId, input = new { assignee } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var inbox = await (await App.ClientForAsync(assignee)).GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        var task = inbox!["items"]!.AsArray().OfType<JsonObject>().Single(t => t["instanceId"]!.GetValue<Guid>() == instanceId);
        return (task["id"]!.GetValue<Guid>(), instanceId);
    }

    private async Task<int> JournalCountAsync(Guid instanceId, string kind)
    {
        var instance = await (await App.ClientForAsync("admin")).GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        return instance!["journal"]!.AsArray().OfType<JsonObject>().Count(e => string.Equals(e["kind"]?.GetValue<string>(), kind, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task AssertSameAnswerAsync(HttpResponseMessage first, HttpResponseMessage replay)
    {
        Assert.Equal(first.StatusCode, replay.StatusCode);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
    }

    [Fact]
    public async Task A_key_sent_again_on_someone_elses_task_is_403_and_shows_nothing_of_that_task()
    {
        var definition = await PersonalTaskDefinitionAsync();
        var me = await TestUsers.CreateAsync(App, "me", "Squad");
        var other = await TestUsers.CreateAsync(App, "other", "Squad");
        var (mine, _) = await TaskForAsync(definition, me);
        var (theirs, _) = await TaskForAsync(definition, other);
        var key = NewKey();
        var client = await App.ClientForAsync(me);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, $"/api/tasks/{mine}/complete", new { outcome = "Done" }, key)).StatusCode);

        var replayElsewhere = await SendAsync(client, $"/api/tasks/{theirs}/complete", new { outcome = "Done" }, key);

        Assert.Equal(HttpStatusCode.Forbidden, replayElsewhere.StatusCode);
        Assert.DoesNotContain(theirs.ToString(), await replayElsewhere.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var task = await (await App.ClientForAsync(other)).GetFromJsonAsync<JsonObject>($"/api/tasks/{theirs}");
        Assert.Equal("open", task!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_key_from_another_user_or_on_another_target_does_that_work_and_not_the_first()
    {
        var definition = await PersonalTaskDefinitionAsync();
        var first = await TestUsers.CreateAsync(App, "first", "Squad");
        var second = await TestUsers.CreateAsync(App, "second", "Squad");
        var (a, _) = await TaskForAsync(definition, first);
        var (b, _) = await TaskForAsync(definition, second);
        var (c, _) = await TaskForAsync(definition, first);
        var key = NewKey();
        var firstClient = await App.ClientForAsync(first);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(firstClient, $"/api/tasks/{a}/complete", new { outcome = "Done", fields = new { note = "a" } }, key)).StatusCode);

        var byAnother = await SendAsync(await App.ClientForAsync(second), $"/api/tasks/{b}/complete", new { outcome = "Done", fields = new { note = "b" } }, key);
        var onAnother = await SendAsync(firstClient, $"/api/tasks/{c}/complete", new { outcome = "Done", fields = new { note = "c" } }, key);

        foreach (var (response, id, by) in new[] { (byAnother, b, second), (onAnother, c, first) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Idempotent-Replayed"));
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(id, body["id"]!.GetValue<Guid>());
            Assert.Equal("done", body["status"]!.GetValue<string>());
            Assert.Equal(by, body["completedBy"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_completion_replayed_answers_the_first_answer_and_completes_once()
    {
        var definition = await PersonalTaskDefinitionAsync();
        var me = await TestUsers.CreateAsync(App, "me", "Squad");
        var (taskId, instanceId) = await TaskForAsync(definition, me);
        var client = await App.ClientForAsync(me);
        var key = NewKey();

        var first = await SendAsync(client, $"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { note = "办结" } }, key);
        var replay = await SendAsync(client, $"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { note = "办结" } }, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertSameAnswerAsync(first, replay);
        Assert.Equal(1, await JournalCountAsync(instanceId, "TaskCompleted"));
    }

    [Fact]
    public async Task Overlapping_copies_of_one_keyed_completion_do_it_once_and_all_get_its_answer()
    {
        var definition = await PersonalTaskDefinitionAsync();
        var me = await TestUsers.CreateAsync(App, "me", "Squad");
        var (taskId, instanceId) = await TaskForAsync(definition, me);
        var client = await App.ClientForAsync(me);
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            SendAsync(client, $"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { note = "并发" } }, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Equal(7, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await JournalCountAsync(instanceId, "TaskCompleted"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_422_and_does_nothing()
    {
        var definition = await PersonalTaskDefinitionAsync();
        var admin = await App.ClientForAsync("admin");
        var key = NewKey();
        var first = await SendAsync(admin, "/api/workflow-instances", new { definitionId = definition, input = new { assignee = "squad" } }, key);
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());

        var different = await SendAsync(admin, "/api/workflow-instances", new { definitionId = definition, input = new { assignee = "leader" } }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        var problem = (await different.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(Header, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var instances = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances?definitionId={definition}&pageSize=200");
        Assert.Equal(1, instances!["items"]!.AsArray().OfType<JsonObject>().Count(i => i["definitionId"]?.GetValue<string>() == definition));
        // The same request again still gets the first answer; layout of the JSON does not matter.
        using var same = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-instances")
        {
            Content = new StringContent($$"""{ "definitionId" : "{{definition}}",   "input": { "assignee": "squad" } }""", Encoding.UTF8, "application/json"),
        };
        same.Headers.Add(Header, key);
        await AssertSameAnswerAsync(first, await admin.SendAsync(same));
    }

    [Fact]
    public async Task A_project_created_twice_with_one_key_answers_the_same_201_body_and_a_location_that_exists()
    {
        var (leader, squad, _) = await TestOrganisation.CreateAsync(App);
        var client = await App.ClientForAsync("leader");
        var key = NewKey();
        var body = new
        {
            name = "年产一万吨休闲食品项目", company = $"漯河幂等食品 {Guid.NewGuid():N}"[..16], chain = "health-food", plannedInvestment = 120_000_000m,
            contractDate = "2026-11-02", leaderId = leader, squadId = squad, plannedStartMonth = "2027-03",
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync(client, "/api/projects", body, key)));
        var replay = await SendAsync(client, "/api/projects", body, key);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var first = responses.Single(r => !r.Headers.Contains("Idempotent-Replayed"));
        await AssertSameAnswerAsync(first, replay);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(replay.Headers.Location)).StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(body.company, created["project"]!["company"]!.GetValue<string>());
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Projects.CountAsync(p => p.Company == body.company));
    }

    [Fact]
    public async Task A_problem_raised_twice_with_one_key_answers_the_same_201_and_raises_one()
    {
        var (leader, squad, _) = await TestOrganisation.CreateAsync(App);
        var client = await App.ClientForAsync("leader");
        var created = await client.PostAsJsonAsync("/api/projects", new
        {
            name = "二期项目", company = "漯河难题食品", chain = "health-food", plannedInvestment = 50_000_000m,
            contractDate = "2026-11-02", leaderId = leader, squadId = squad,
        });
        var projectId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["project"]!["id"]!.GetValue<Guid>();
        var key = NewKey();
        var problem = new { kind = "power", title = "二期用电增容未批复", owner = "squad", dueAt = DateTimeOffset.UtcNow.AddDays(7) };

        var first = await SendAsync(client, $"/api/projects/{projectId}/problems", problem, key);
        var replay = await SendAsync(client, $"/api/projects/{projectId}/problems", problem, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertSameAnswerAsync(first, replay);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Problems.CountAsync(p => p.ProjectId == projectId));
    }

    [Fact]
    public async Task A_signal_and_an_approval_decision_replayed_answer_the_first_answer_and_act_once()
    {
        var admin = await App.ClientForAsync("admin");
        var id = $"idem-ap-{Guid.NewGuid():N}"[..30];
        var json = $$"""
            {
              "id": "{{id}}", "name": "Signal then approval",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "wait", "type": "WaitSignal", "inputs": { "signal": "contractSigned" } },
                { "id": "approve", "type": "Approval", "inputs": { "approvers": [ { "user": "leader" } ], "outcomes": ["Approve", "Reject"] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "wait" },
                { "source": "wait", "outcome": "Done", "target": "approve" },
                { "source": "approve", "outcome": "Approve", "target": "end" },
                { "source": "approve", "outcome": "Reject", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var instanceId = (await (await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var signalKey = NewKey();
        var signalled = await SendAsync(admin, $"/api/workflow-instances/{instanceId}/signals/contractSigned", new { payload = new { no = 1 } }, signalKey);
        var signalledAgain = await SendAsync(admin, $"/api/workflow-instances/{instanceId}/signals/contractSigned", new { payload = new { no = 1 } }, signalKey);
        Assert.Equal(HttpStatusCode.OK, signalled.StatusCode);
        await AssertSameAnswerAsync(signalled, signalledAgain);

        var leader = await App.ClientForAsync("leader");
        var pending = await leader.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200");
        var approvalId = pending!["items"]!.AsArray().OfType<JsonObject>().Single(a => a["instanceId"]!.GetValue<Guid>() == instanceId)["id"]!.GetValue<Guid>();
        var decideKey = NewKey();
        var decided = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            SendAsync(leader, $"/api/approvals/{approvalId}/decide", new { outcome = "Approve", comment = "同意" }, decideKey)));
        Assert.All(decided, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(decided.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Equal(1, await JournalCountAsync(instanceId, "SignalReceived"));
        Assert.Equal(1, await JournalCountAsync(instanceId, "ApprovalVoted"));
    }

    [Fact]
    public async Task The_openapi_document_names_the_header_on_exactly_the_keyed_operations()
    {
        var keyed = App.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Butler.Host.Api.Idempotency.IdempotentOperation>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                method + " /" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.Trim('/'), @"\{(\w+):[^}]+\}", "{$1}")))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "POST /api/dispatches/{id}/decisions", "POST /api/projects", "POST /api/projects/{id}/problems", "POST /api/tasks/{id}/complete",
            "POST /api/tasks/{id}/transfer", "POST /api/tasks/{id}/delegate", "POST /api/tasks/{id}/resolve", "POST /api/tasks/{id}/urge",
            "POST /api/tasks/{id}/return", "POST /api/tasks/{id}/withdraw", "POST /api/tasks/{id}/cc",
            "POST /api/workflow-instances", "POST /api/workflow-instances/{id}/signals/{name}", "POST /api/workflow-instances/{id}/withdraw",
            "POST /api/approvals/{id}/decide", "POST /api/approvals/{id}/signers", "DELETE /api/approvals/{id}/signers/{userName}",
            "POST /api/approvals/batch-decide", "PUT /api/me/proxy", "DELETE /api/me/proxy", "PUT /api/users/{userName}/proxy",
            "DELETE /api/users/{userName}/proxy" }
            .Order(StringComparer.Ordinal), keyed);

        var document = await App.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        foreach (var (method, path) in keyed.Select(k => (k[..k.IndexOf(' ', StringComparison.Ordinal)], k[(k.IndexOf(' ', StringComparison.Ordinal) + 1)..])))
        {
            var operation = document!["paths"]![path]![method.ToLowerInvariant()]!;
            Assert.Contains(operation["parameters"]!.AsArray().OfType<JsonObject>(),
                p => p["name"]?.GetValue<string>() == Header && p["in"]?.GetValue<string>() == "header");
            Assert.NotNull(operation["responses"]!["422"]);
        }
    }

    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("中文键")]
    public async Task A_key_that_is_not_printable_ascii_is_400_naming_the_header(string key)
    {
        var admin = await App.ClientForAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-instances") { Content = JsonContent.Create(new { definitionId = "nope" }) };
        request.Headers.TryAddWithoutValidation(Header, key);

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(Header));
    }

    [Fact]
    public async Task A_key_of_201_characters_is_400_naming_the_header()
    {
        var admin = await App.ClientForAsync("admin");
        var response = await SendAsync(admin, "/api/workflow-instances", new { definitionId = "nope" }, new string('k', 201));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(Header));
    }
}

public sealed class SqliteIdempotencyTests(SqliteApp app) : IdempotencyTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresIdempotencyTests(PostgresApp app) : IdempotencyTests(app), IClassFixture<PostgresApp>;
