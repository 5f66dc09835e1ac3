using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.TestSupport;

namespace Butler.Host.Tests.Api;

/// <summary>The API end to end over the real HTTP pipeline; run once on SQLite and once on PostgreSQL.</summary>
public abstract class ApiScenarioTests(ButlerApp app)
{
    protected ButlerApp App { get; } = app;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> PublishAsync(HttpClient admin, string json, string id)
    {
        var created = await admin.PostAsync("/api/workflow-definitions", Json(json));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var published = await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return id;
    }

    private static async Task<Guid> StartAsync(HttpClient client, string definitionId, object? input = null)
    {
        var response = await client.PostAsJsonAsync("/api/workflow-instances", new { definitionId, input = input ?? new { } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject> OpenTaskOfAsync(HttpClient client, Guid instanceId)
    {
        var list = await client.GetFromJsonAsync<JsonObject>("/api/tasks?scope=mine&status=open&pageSize=200");
        return list!["items"]!.AsArray().OfType<JsonObject>().Single(t => t["instanceId"]!.GetValue<Guid>() == instanceId);
    }

    [Fact]
    public async Task Start_task_decision_end_runs_to_completion_over_http()
    {
        var admin = await App.ClientForAsync("admin");
        var squad = await App.ClientForAsync("squad");
        var id = NewId("flow");
        await PublishAsync(admin, Support.Definitions.TaskThenDecision(id), id);
        var instanceId = await StartAsync(admin, id, new { company = "双汇食品" });

        var task = await OpenTaskOfAsync(squad, instanceId);
        Assert.Equal("Check 双汇食品", task["title"]!.GetValue<string>());
        Assert.Equal("Squad", task["assignee"]!["role"]!.GetValue<string>());

        var done = await squad.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Done", comment = "资料齐全", fields = new { amount = 42 } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Completed", instance!["status"]!.GetValue<string>());
        Assert.Equal(42, instance["variables"]!["amount"]!.GetValue<int>());
        var journal = instance["journal"]!.AsArray().OfType<JsonObject>().ToList();
        var completion = journal.Single(j => j["kind"]!.GetValue<string>() == "TaskCompleted");
        Assert.Equal("squad", completion["actor"]!.GetValue<string>());
        Assert.Equal("Done", completion["outcome"]!.GetValue<string>());
        Assert.Equal("资料齐全", completion["comment"]!.GetValue<string>());
        Assert.True(completion["at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Contains(journal, j => j["kind"]!.GetValue<string>() == "ActivityCompleted" && j["activityId"]!.GetValue<string>() == "big"
            && j["outcome"]!.GetValue<string>() == "True");
        Assert.Equal("InstanceCompleted", journal[^1]["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_definition_with_several_problems_gets_one_400_listing_all_and_nothing_is_stored()
    {
        var admin = await App.ClientForAsync("admin");
        var id = NewId("broken");
        var json = $$"""
            { "id": "{{id}}", "name": "Broken",
              "activities": [
                { "id": "a", "type": "Nope" },
                { "id": "a", "type": "End" },
                { "id": "d", "type": "Decision", "inputs": { "condition": "amount >" } } ],
              "connections": [ { "source": "zz", "outcome": "Done", "target": "a" } ] }
            """;
        var response = await admin.PostAsync("/api/workflow-definitions", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("$.activities[0].type", errors.Select(e => e.Key));
        Assert.Contains("$.activities[1].id", errors.Select(e => e.Key));
        Assert.Contains("$.activities[2].inputs.condition", errors.Select(e => e.Key));
        Assert.Contains("$.activities", errors.Select(e => e.Key));
        Assert.Contains("$.connections[0].source", errors.Select(e => e.Key));

        var get = await admin.GetAsync($"/api/workflow-definitions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_definition_value_of_the_wrong_kind_is_a_400_naming_the_path_and_what_it_must_be()
    {
        var admin = await App.ClientForAsync("admin");
        var response = await admin.PostAsync("/api/workflow-definitions", Json("""{ "id": "x", "activities": [ { "id": 1 } ] }"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        var (path, messages) = Assert.Single(errors);
        Assert.Equal("$.activities[0].id", path);
        Assert.Equal("'$.activities[0].id' must be text.", messages![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unfinished_draft_is_saved_with_its_problems_listed_and_cannot_be_published_until_they_are_fixed()
    {
        var admin = await App.ClientForAsync("admin");
        var id = NewId("unfinished");
        var json = Support.Definitions.TaskThenDecision(id);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", Json(json))).StatusCode);

        // An administrator mid-edit: a connection that leads nowhere yet.
        var model = JsonNode.Parse(json)!.AsObject();
        model["connections"]!.AsArray().Add(new JsonObject { ["source"] = "start", ["outcome"] = "Done", ["target"] = "" });
        var saved = await admin.PutAsync($"/api/workflow-definitions/{id}", Json(model.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var draft = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        var dangling = $"$.connections[{model["connections"]!.AsArray().Count - 1}].target";
        Assert.Contains(draft["problems"]!.AsArray(), p => (string?)p!["path"] == dangling);
        var read = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}"))!;
        Assert.Contains(read["problems"]!.AsArray(), p => (string?)p!["path"] == dangling);

        var refused = await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(dangling, (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));

        // Without a name or with the wrong id it is not a draft at all.
        model["name"] = "";
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync($"/api/workflow-definitions/{id}", Json(model.ToJsonString()))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/workflow-definitions/{id}", Json(json))).StatusCode);
        var published = await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Empty((await published.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray());
    }

    [Fact]
    public async Task Two_admins_saving_the_same_draft_the_second_is_told_and_saves_nothing()
    {
        var admin = await App.ClientForAsync("admin");
        var id = NewId("race");
        var json = Support.Definitions.TaskThenDecision(id);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", Json(json))).StatusCode);
        var opened = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}"))!;
        var etag = $"\"{(int)opened["version"]!}.{(int)opened["revision"]!}\"";

        // Both opened the same draft; the first saves...
        var first = JsonNode.Parse(json)!.AsObject();
        first["name"] = "First editor's name";
        using var firstSave = new HttpRequestMessage(HttpMethod.Put, $"/api/workflow-definitions/{id}") { Content = Json(first.ToJsonString()) };
        firstSave.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(firstSave)).StatusCode);

        // ...the second, still on what they opened, is refused and overwrites nothing.
        var second = JsonNode.Parse(json)!.AsObject();
        second["name"] = "Second editor's name";
        using var secondSave = new HttpRequestMessage(HttpMethod.Put, $"/api/workflow-definitions/{id}") { Content = Json(second.ToJsonString()) };
        secondSave.Headers.TryAddWithoutValidation("If-Match", etag);
        var refused = await admin.SendAsync(secondSave);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("definition.changedSince", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal("First editor's name", (string?)(await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}"))!["name"]);

        using var malformed = new HttpRequestMessage(HttpMethod.Put, $"/api/workflow-definitions/{id}") { Content = Json(second.ToJsonString()) };
        malformed.Headers.TryAddWithoutValidation("If-Match", "\"latest\"");
        var bad = await admin.SendAsync(malformed);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("If-Match", (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Saving_after_publish_makes_the_next_draft_and_instances_stay_on_their_version()
    {
        var admin = await App.ClientForAsync("admin");
        var squad = await App.ClientForAsync("squad");
        var id = NewId("versions");
        await PublishAsync(admin, Support.Definitions.TaskThenDecision(id), id);
        var onV1 = await StartAsync(admin, id);

        var v2Json = Support.Definitions.TaskThenDecision(id).Replace("amount > 10", "amount > 100", StringComparison.Ordinal);
        var saved = await admin.PutAsync($"/api/workflow-definitions/{id}", Json(v2Json));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var draft = await saved.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2, draft!["version"]!.GetValue<int>());
        Assert.False(draft["isPublished"]!.GetValue<bool>());

        var v1 = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}?version=1");
        Assert.True(v1!["isPublished"]!.GetValue<bool>());
        Assert.Contains("amount > 10\"", v1.ToJsonString().Replace("\\u003E", ">", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var onV2 = await StartAsync(admin, id);

        var first = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{onV1}");
        var second = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{onV2}");
        Assert.Equal(1, first!["version"]!.GetValue<int>());
        Assert.Equal(2, second!["version"]!.GetValue<int>());

        // amount 50: true on v1 (> 10), false on v2 (> 100) — each instance follows its own version.
        foreach (var instanceId in new[] { onV1, onV2 })
        {
            var task = await OpenTaskOfAsync(squad, instanceId);
            var done = await squad.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Done", fields = new { amount = 50 } });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        string DecisionOutcome(JsonObject instance) => instance["journal"]!.AsArray().OfType<JsonObject>()
            .Single(j => j["kind"]!.GetValue<string>() == "ActivityCompleted" && j["activityId"]!.GetValue<string>() == "big")["outcome"]!.GetValue<string>();
        Assert.Equal("True", DecisionOutcome((await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{onV1}"))!));
        Assert.Equal("False", DecisionOutcome((await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{onV2}"))!));
    }

    [Fact]
    public async Task Completing_rules_bad_outcome_400_missing_field_400_not_assignee_403_done_409_unknown_404()
    {
        var admin = await App.ClientForAsync("admin");
        var squad = await App.ClientForAsync("squad");
        var leader = await App.ClientForAsync("leader");
        var id = NewId("rules");
        await PublishAsync(admin, Support.Definitions.TaskThenDecision(id), id);
        var instanceId = await StartAsync(admin, id);
        var task = await OpenTaskOfAsync(squad, instanceId);
        var url = $"/api/tasks/{task["id"]}/complete";

        var badOutcome = await squad.PostAsJsonAsync(url, new { outcome = "Maybe", fields = new { amount = 1 } });
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome.StatusCode);
        Assert.Contains("outcome", (await badOutcome.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));

        var missing = await squad.PostAsJsonAsync(url, new { outcome = "Done" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("fields.amount", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));

        var wrongType = await squad.PostAsJsonAsync(url, new { outcome = "Done", fields = new { amount = "many" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var malformed = await squad.PostAsync(url, Json("""{ "outcome": 5 }"""));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("$.outcome", (await malformed.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));

        var notAssignee = await leader.PostAsJsonAsync(url, new { outcome = "Done", fields = new { amount = 1 } });
        Assert.Equal(HttpStatusCode.Forbidden, notAssignee.StatusCode);

        var ok = await squad.PostAsJsonAsync(url, new { outcome = "Reject", comment = "not our chain", fields = new { amount = 1 } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var again = await squad.PostAsJsonAsync(url, new { outcome = "Reject", fields = new { amount = 1 } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var unknown = await squad.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/complete", new { outcome = "Done" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/workflow-instances/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/workflow-definitions/no-such-definition")).StatusCode);
    }

    [Fact]
    public async Task The_same_completion_sent_twice_with_one_idempotency_key_is_applied_once()
    {
        var admin = await App.ClientForAsync("admin");
        var squad = await App.ClientForAsync("squad");
        var id = NewId("idem");
        await PublishAsync(admin, Support.Definitions.TaskThenDecision(id), id);
        var instanceId = await StartAsync(admin, id);
        var task = await OpenTaskOfAsync(squad, instanceId);
        var key = Guid.NewGuid().ToString();

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task["id"]}/complete")
            {
                Content = JsonContent.Create(new { outcome = "Reject", fields = new { amount = 1 } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await squad.SendAsync(request)).StatusCode);
        }
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Single(instance!["journal"]!.AsArray(), j => j!["kind"]!.GetValue<string>() == "TaskCompleted");
    }

    [Fact]
    public async Task A_signal_resumes_a_waiting_instance_and_its_payload_becomes_a_variable()
    {
        var admin = await App.ClientForAsync("admin");
        var id = NewId("signal");
        await PublishAsync(admin, Support.Definitions.WaitForSignal(id), id);
        var instanceId = await StartAsync(admin, id);

        var wrong = await admin.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/signals/somethingElse", new { payload = new { } });
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);

        var sent = await admin.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/signals/contractSigned", new { payload = new { amount = 3.0e9 } });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Completed", instance!["status"]!.GetValue<string>());
        Assert.Equal(3.0e9, instance["variables"]!["contract"]!["amount"]!.GetValue<double>());
    }

    [Fact]
    public async Task Cancelling_an_instance_cancels_its_open_tasks()
    {
        var admin = await App.ClientForAsync("admin");
        var squad = await App.ClientForAsync("squad");
        var id = NewId("cancel");
        await PublishAsync(admin, Support.Definitions.TaskThenDecision(id), id);
        var instanceId = await StartAsync(admin, id);
        var task = await OpenTaskOfAsync(squad, instanceId);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-instances/{instanceId}/cancel", null)).StatusCode);
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Cancelled", instance!["status"]!.GetValue<string>());
        var taskNow = await squad.GetFromJsonAsync<JsonObject>($"/api/tasks/{task["id"]}");
        Assert.Equal("cancelled", taskNow!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await squad.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Reject" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/workflow-instances/{instanceId}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Lists_page_and_reject_bad_paging_with_the_field_named()
    {
        var admin = await App.ClientForAsync("admin");
        var page = await admin.GetFromJsonAsync<JsonObject>("/api/workflow-definitions?page=1&pageSize=1");
        Assert.True(page!["total"]!.GetValue<int>() >= 1);
        Assert.Single(page["items"]!.AsArray());

        var bad = await admin.GetAsync("/api/workflow-instances?pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pageSize", (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));

        var notANumber = await admin.GetAsync("/api/workflow-instances?page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains("page", (await notANumber.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Descriptors_list_every_built_in_activity_in_both_languages()
    {
        var squad = await App.ClientForAsync("squad");
        var descriptors = await squad.GetFromJsonAsync<JsonArray>("/api/activity-descriptors") ?? throw new InvalidOperationException("no body");
        var types = descriptors.Select(d => d!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "Approval", "Decision", "Delay", "End", "Fork", "HumanTask", "Join", "ResolveProblem", "SetLeadStatus", "SetProjectStage", "SetVariable", "Start", "WaitSignal" },
            types.Order(StringComparer.Ordinal).ToArray());
        foreach (var d in descriptors.OfType<JsonObject>())
        {
            Assert.False(string.IsNullOrWhiteSpace(d["displayName"]!["en"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(d["displayName"]!["zh-CN"]!.GetValue<string>()));
        }
        var humanTask = descriptors.OfType<JsonObject>().Single(d => d["type"]!.GetValue<string>() == "HumanTask");
        Assert.Contains(humanTask["inputs"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "assignee" && i["required"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        var response = await App.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SqliteApiScenarioTests(SqliteApp app) : ApiScenarioTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresApiScenarioTests(PostgresApp app) : ApiScenarioTests(app), IClassFixture<PostgresApp>;
