using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Definitions;

namespace Butler.Host.Tests.Api.Definitions;

/// <summary>The designer's version management over real HTTP on SQLite: history, discard draft, revert, diff, export and import.</summary>
public sealed class DefinitionVersionApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Changed(string json) => json.Replace("amount > 10", "amount > 100", StringComparison.Ordinal);

    private static async Task CreateAsync(HttpClient admin, string json) =>
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", Json(json))).StatusCode);

    private static async Task PublishAsync(HttpClient admin, string id) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);

    private static async Task SaveAsync(HttpClient admin, string id, string json) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/workflow-definitions/{id}", Json(json))).StatusCode);

    private static async Task<Guid> StartAsync(HttpClient admin, string id)
    {
        var response = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id, input = new { } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private static async Task<List<JsonObject>> VersionsAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonArray>($"/api/workflow-definitions/{id}/versions"))!.OfType<JsonObject>().ToList();

    private static async Task<IReadOnlyDictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        return errors.ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Versions_are_listed_newest_first_with_who_and_running_and_total_instances()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("history");
        await CreateAsync(admin, Support.Definitions.TaskThenDecision(id));
        await PublishAsync(admin, id);
        var first = await StartAsync(admin, id);
        await StartAsync(admin, id);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-instances/{first}/cancel", null)).StatusCode);
        await SaveAsync(admin, id, Changed(Support.Definitions.TaskThenDecision(id)));

        var versions = await VersionsAsync(admin, id);

        Assert.Equal([2, 1], versions.Select(v => v["version"]!.GetValue<int>()));
        var (draft, published) = (versions[0], versions[1]);
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        Assert.Equal(0, draft["totalInstances"]!.GetValue<int>());
        Assert.Null(draft["publishedAt"]);
        Assert.True(published["isPublished"]!.GetValue<bool>());
        Assert.Equal("admin", published["createdBy"]!.GetValue<string>());
        Assert.Equal("admin", published["publishedBy"]!.GetValue<string>());
        Assert.NotNull(published["publishedAt"]);
        Assert.Equal("Task then decision", published["name"]!.GetValue<string>());
        Assert.Equal(1, published["runningInstances"]!.GetValue<int>());
        Assert.Equal(2, published["totalInstances"]!.GetValue<int>());
    }

    [Fact]
    public async Task Versions_of_an_unknown_definition_is_404()
    {
        var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/workflow-definitions/no-such-definition/versions")).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_draft_keeps_the_published_version_and_a_second_delete_is_409()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("discard");
        await CreateAsync(admin, Support.Definitions.TaskThenDecision(id));
        await PublishAsync(admin, id);
        await SaveAsync(admin, id, Changed(Support.Definitions.TaskThenDecision(id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/workflow-definitions/{id}/draft")).StatusCode);

        var latest = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}");
        Assert.Equal(1, latest!["version"]!.GetValue<int>());
        Assert.True(latest["isPublished"]!.GetValue<bool>());
        var conflict = await admin.DeleteAsync($"/api/workflow-definitions/{id}/draft");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("definition.noDraft", (await conflict.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Single(await VersionsAsync(admin, id));
    }

    [Fact]
    public async Task Deleting_draft_version_1_removes_the_definition()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("gone");
        await CreateAsync(admin, Support.Definitions.WaitForSignal(id));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/workflow-definitions/{id}/draft")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/workflow-definitions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/workflow-definitions/{id}/draft")).StatusCode);
        // The id is free again.
        await CreateAsync(admin, Support.Definitions.WaitForSignal(id));
    }

    [Fact]
    public async Task Reverting_saves_a_new_draft_with_the_old_versions_content()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("revert");
        await CreateAsync(admin, Support.Definitions.TaskThenDecision(id));
        await PublishAsync(admin, id);
        await SaveAsync(admin, id, Changed(Support.Definitions.TaskThenDecision(id)));
        await PublishAsync(admin, id);

        var response = await admin.PostAsJsonAsync($"/api/workflow-definitions/{id}/revert", new { version = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var draft = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3, draft!["version"]!.GetValue<int>());
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        var v1 = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}?version=1");
        Assert.True(JsonNode.DeepEquals(v1!["activities"], draft["activities"]));
        Assert.True(JsonNode.DeepEquals(v1["connections"], draft["connections"]));
        var diff = await admin.GetFromJsonAsync<DefinitionDiff>($"/api/workflow-definitions/{id}/diff?from=1&to=3", DefinitionJson.Options);
        Assert.True(diff!.IsEmpty);
    }

    [Fact]
    public async Task Revert_without_a_version_or_to_an_unknown_one_is_400_naming_version_and_unknown_definition_404()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("revert-bad");
        await CreateAsync(admin, Support.Definitions.TaskThenDecision(id));

        Assert.Contains("version", (await ErrorsAsync(await admin.PostAsJsonAsync($"/api/workflow-definitions/{id}/revert", new { }))).Keys);
        Assert.Contains("version", (await ErrorsAsync(await admin.PostAsync($"/api/workflow-definitions/{id}/revert", null))).Keys);
        Assert.Contains("version", (await ErrorsAsync(await admin.PostAsJsonAsync($"/api/workflow-definitions/{id}/revert", new { version = 9 }))).Keys);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PostAsJsonAsync("/api/workflow-definitions/no-such-definition/revert", new { version = 1 })).StatusCode);
        Assert.Single(await VersionsAsync(admin, id));
    }

    [Fact]
    public async Task Diff_names_the_changed_input_and_the_rewired_connection()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("diff");
        var v1 = Support.Definitions.TaskThenDecision(id);
        await CreateAsync(admin, v1);
        await PublishAsync(admin, id);
        await SaveAsync(admin, id, Changed(v1).Replace("""{ "source": "big", "outcome": "False", "target": "end" }""",
            """{ "source": "big", "outcome": "False", "target": "check" }""", StringComparison.Ordinal));

        var diff = await admin.GetFromJsonAsync<DefinitionDiff>($"/api/workflow-definitions/{id}/diff?from=1&to=2", DefinitionJson.Options);

        var change = Assert.Single(diff!.ActivitiesChanged);
        Assert.Equal("big", change.Id);
        Assert.Equal(["condition"], change.InputsChanged);
        Assert.Equal([new ConnectionSummary("big", "False", "check")], diff.ConnectionsAdded);
        Assert.Equal([new ConnectionSummary("big", "False", "end")], diff.ConnectionsRemoved);
        Assert.Empty(diff.ActivitiesAdded);
    }

    [Fact]
    public async Task Diff_with_missing_malformed_or_unknown_versions_is_400_and_unknown_definition_404()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("diff-bad");
        await CreateAsync(admin, Support.Definitions.TaskThenDecision(id));

        var missing = await ErrorsAsync(await admin.GetAsync($"/api/workflow-definitions/{id}/diff"));
        Assert.Contains("from", missing.Keys);
        Assert.Contains("to", missing.Keys);
        Assert.Equal(["from"], (await ErrorsAsync(await admin.GetAsync($"/api/workflow-definitions/{id}/diff?from=x&to=1"))).Keys);
        Assert.Equal(["to"], (await ErrorsAsync(await admin.GetAsync($"/api/workflow-definitions/{id}/diff?from=1&to=0"))).Keys);
        Assert.Equal(["to"], (await ErrorsAsync(await admin.GetAsync($"/api/workflow-definitions/{id}/diff?from=1&to=7"))).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/workflow-definitions/no-such-definition/diff?from=1&to=1")).StatusCode);
    }

    [Fact]
    public async Task Export_downloads_the_definition_only_and_import_of_it_elsewhere_gives_an_equal_definition()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("export");
        var source = Support.Definitions.TaskThenDecision(id).Replace("\"name\": \"Task then decision\",",
            "\"name\": \"导出测试\", \"description\": \"round trip\",", StringComparison.Ordinal);
        await CreateAsync(admin, source);
        await PublishAsync(admin, id);

        var response = await admin.GetAsync($"/api/workflow-definitions/{id}/export?version=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{id}-v1.json", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var exported = await response.Content.ReadAsStringAsync();
        var file = JsonNode.Parse(exported)!.AsObject();
        Assert.Equal(["id", "name", "description", "variables", "activities", "connections"], file.Select(p => p.Key));

        // Importing under a new id creates it; its content equals the exported one in every part.
        var copyId = NewId("imported");
        file["id"] = copyId;
        var created = await admin.PostAsync("/api/workflow-definitions/import", Json(file.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith($"/api/workflow-definitions/{copyId}", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        var copy = JsonNode.Parse(await (await admin.GetAsync($"/api/workflow-definitions/{copyId}/export")).Content.ReadAsStringAsync())!.AsObject();
        copy["id"] = id;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(exported), copy), copy.ToJsonString());
        var original = DefinitionJson.TryParse(exported, out _)!;
        var imported = DefinitionJson.TryParse(copy.ToJsonString(), out _)!;
        Assert.True(DefinitionDiff.Compare(original, imported).IsEmpty);
        Assert.Equal(original.Activities.Count, imported.Activities.Count);

        // Importing it over its own id saves the next draft.
        var again = await admin.PostAsync("/api/workflow-definitions/import", Json(exported));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var draft = await again.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2, draft!["version"]!.GetValue<int>());
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        Assert.Equal("导出测试", draft["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bilingual_definition_keeps_both_languages_through_export_import_diff_and_a_run_and_a_plain_one_still_runs()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("bilingual");
        var source = Support.Definitions.TaskThenDecision(id)
            .Replace("\"name\": \"Task then decision\",", "\"name\": { \"zh-CN\": \"双语流程\", \"en\": \"Bilingual flow\" },", StringComparison.Ordinal)
            .Replace("\"title\": \"Check {{company}}\",", "\"title\": { \"zh-CN\": \"核对材料\", \"en\": \"Check the papers\" },", StringComparison.Ordinal)
            .Replace("\"label\": \"Amount\",", "\"label\": { \"zh-CN\": \"金额\", \"en\": \"Amount\" },", StringComparison.Ordinal);
        await CreateAsync(admin, source);
        await PublishAsync(admin, id);

        // Exported: every text in both languages.
        var file = JsonNode.Parse(await (await admin.GetAsync($"/api/workflow-definitions/{id}/export?version=1")).Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(("双语流程", "Bilingual flow"), (file["name"]!["zh-CN"]!.GetValue<string>(), file["name"]!["en"]!.GetValue<string>()));
        var check = file["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "check")!["inputs"]!;
        Assert.Equal(("核对材料", "Check the papers"), (check["title"]!["zh-CN"]!.GetValue<string>(), check["title"]!["en"]!.GetValue<string>()));
        Assert.Equal(("金额", "Amount"), (check["fields"]![0]!["label"]!["zh-CN"]!.GetValue<string>(), check["fields"]![0]!["label"]!["en"]!.GetValue<string>()));

        // Imported under another id: the same in both languages.
        var copyId = NewId("bilingual-copy");
        file["id"] = copyId;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions/import", Json(file.ToJsonString()))).StatusCode);
        var copy = JsonNode.Parse(await (await admin.GetAsync($"/api/workflow-definitions/{copyId}/export")).Content.ReadAsStringAsync())!.AsObject();
        Assert.True(JsonNode.DeepEquals(file, copy), copy.ToJsonString());

        // Diffed: a change of the English name alone is a change, and both languages of each side are kept.
        await PublishAsync(admin, copyId);
        copy["name"]!["en"] = "Bilingual flow, revised";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/workflow-definitions/import", Json(copy.ToJsonString()))).StatusCode);
        using var diffed = await admin.GetAsync($"/api/workflow-definitions/{copyId}/diff?from=1&to=2");
        Assert.True(diffed.IsSuccessStatusCode, await diffed.Content.ReadAsStringAsync());
        var diff = (await diffed.Content.ReadFromJsonAsync<JsonObject>())!;
        var name = diff["name"]!;
        Assert.Equal(("双语流程", "Bilingual flow"), (name["from"]!["zh-CN"]!.GetValue<string>(), name["from"]!["en"]!.GetValue<string>()));
        Assert.Equal(("双语流程", "Bilingual flow, revised"), (name["to"]!["zh-CN"]!.GetValue<string>(), name["to"]!["en"]!.GetValue<string>()));

        // Run: the task reads in each reader's language.
        await PublishAsync(admin, copyId);
        var instance = await StartAsync(admin, copyId);
        Assert.Equal("Check the papers", await TaskTitleAsync(admin, instance, "en"));
        Assert.Equal("核对材料", await TaskTitleAsync(admin, instance, "zh-CN"));

        // A definition of plain strings still runs: the same words in both languages.
        var plainId = NewId("plain");
        await CreateAsync(admin, Support.Definitions.TaskThenDecision(plainId));
        await PublishAsync(admin, plainId);
        var plain = await StartAsync(admin, plainId);
        Assert.Equal("Check ", await TaskTitleAsync(admin, plain, "en"));
        Assert.Equal("Check ", await TaskTitleAsync(admin, plain, "zh-CN"));
    }

    private static async Task<string> TaskTitleAsync(HttpClient admin, Guid instanceId, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks?scope=all&pageSize=200");
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await admin.SendAsync(request);
        var items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        return items.Single(t => t!["instanceId"]!.GetValue<Guid>() == instanceId)!["title"]!.GetValue<string>();
    }

    [Fact]
    public async Task Export_of_unknown_definition_or_version_is_404_and_version_0_is_400()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("export-bad");
        await CreateAsync(admin, Support.Definitions.WaitForSignal(id));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/workflow-definitions/no-such-definition/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/workflow-definitions/{id}/export?version=5")).StatusCode);
        Assert.Contains("version", (await ErrorsAsync(await admin.GetAsync($"/api/workflow-definitions/{id}/export?version=0"))).Keys);
        var latest = await admin.GetAsync($"/api/workflow-definitions/{id}/export");
        Assert.Equal($"{id}-v1.json", latest.Content.Headers.ContentDisposition!.FileNameStar ?? latest.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task Importing_an_invalid_file_is_400_with_paths_and_stores_nothing()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId("import-bad");
        var broken = Support.Definitions.WaitForSignal(id).Replace("\"type\": \"End\"", "\"type\": \"Nope\"", StringComparison.Ordinal);

        var errors = await ErrorsAsync(await admin.PostAsync("/api/workflow-definitions/import", Json(broken)));

        Assert.Contains("$.activities[2].type", errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/workflow-definitions/{id}")).StatusCode);
        Assert.Contains("$.activities[0].id", (await ErrorsAsync(await admin.PostAsync("/api/workflow-definitions/import",
            Json("""{ "id": "x", "activities": [ { "id": 1 } ] }""")))).Keys);
        Assert.Contains("$", (await ErrorsAsync(await admin.PostAsync("/api/workflow-definitions/import", Json("")))).Keys);
    }

    [Fact]
    public async Task A_squad_member_may_not_use_version_management()
    {
        var squad = await app.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.GetAsync("/api/workflow-definitions/x/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.PostAsync("/api/workflow-definitions/import", Json(Support.Definitions.WaitForSignal(NewId("sq"))))).StatusCode);
    }

    [Fact]
    public async Task The_minimal_definition_the_designer_creates_is_valid()
    {
        // The designer's Create dialog makes Start → End; the API must accept it as version 1.
        var admin = await app.ClientForAsync("admin");
        var id = NewId("minimal");
        var model = Butler.Designer.NewDefinition.Minimal(id, "最小流程");
        var response = await admin.PostAsync("/api/workflow-definitions", Json(JsonSerializer.Serialize(model, DefinitionJson.Options)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
