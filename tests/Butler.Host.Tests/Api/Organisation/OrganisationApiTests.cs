using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Host.Tests.Support;
using Butler.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Organisation;

/// <summary>Chains, leaders and teams over HTTP, and team membership working as a role for tasks and notifications; on SQLite and PostgreSQL.</summary>
public abstract class OrganisationApiTests(ButlerApp app)
{
    protected ButlerApp App { get; } = app;

    internal static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    internal static async Task<string> CreateChainAsync(HttpClient admin, string nameZh = "健康食品", string nameEn = "Health food")
    {
        var code = Unique("chain");
        var response = await admin.PostAsJsonAsync("/api/chains", new { code, nameZh, nameEn });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return code;
    }

    internal static async Task<JsonObject> CreateTeamAsync(HttpClient admin, string kind, string lead, params string[] members)
    {
        var response = await admin.PostAsJsonAsync("/api/teams", new { name = Unique("团队"), kind, leadUserName = lead, members });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task An_admin_adds_a_chain_everyone_lists_it_and_a_code_in_use_is_409()
    {
        var admin = await App.ClientForAsync("admin");
        var code = await CreateChainAsync(admin, "生物医药", "Biomedicine");

        var list = await (await App.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/chains?pageSize=200");
        var chain = list!["items"]!.AsArray().OfType<JsonObject>().Single(c => c["code"]!.GetValue<string>() == code);
        Assert.Equal("生物医药", chain["nameZh"]!.GetValue<string>());
        Assert.Equal("Biomedicine", chain["nameEn"]!.GetValue<string>());

        var again = await admin.PostAsJsonAsync("/api/chains", new { code, nameZh = "重复", nameEn = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var errors = await ErrorsAsync(await admin.PostAsJsonAsync("/api/chains", new { code = "Bad Code", nameEn = "x" }));
        Assert.Equal(["code", "nameZh"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_leader_is_an_existing_user_in_the_Leader_role_owning_existing_chains()
    {
        var admin = await App.ClientForAsync("admin");
        var chain = await CreateChainAsync(admin);
        var user = await TestUsers.CreateAsync(App, "ldr", Roles.Leader);

        var unknown = await ErrorsAsync(await admin.PostAsJsonAsync("/api/leaders", new { userName = "nobody-at-all", name = "无名" }));
        Assert.Contains("nobody-at-all", Assert.Single(unknown["userName"]), StringComparison.Ordinal);
        var notLeader = await ErrorsAsync(await admin.PostAsJsonAsync("/api/leaders", new { userName = "squad", name = "李明" }));
        Assert.Contains("不是领导", Assert.Single(notLeader["userName"]), StringComparison.Ordinal);
        var badChain = await ErrorsAsync(await admin.PostAsJsonAsync("/api/leaders", new { userName = user, name = "王区长", chains = new[] { chain, "no-such-chain" } }));
        Assert.Equal(["chains[1]"], badChain.Keys);

        var created = await admin.PostAsJsonAsync("/api/leaders", new { userName = user.ToUpperInvariant(), name = "王区长", title = "区长 / District head", chains = new[] { chain } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var leader = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(user, leader["userName"]!.GetValue<string>());
        Assert.Equal("健康食品", leader["chains"]![0]!["nameZh"]!.GetValue<string>());
        Assert.Equal("Health food", leader["chains"]![0]!["nameEn"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/leaders", new { userName = user, name = "又一个" })).StatusCode);

        var id = leader["id"]!.GetValue<Guid>();
        var updated = await admin.PutAsJsonAsync($"/api/leaders/{id}", new { userName = user, name = "王书记", chains = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = await (await App.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>($"/api/leaders/{id}");
        Assert.Equal("王书记", read!["name"]!.GetValue<string>());
        Assert.Empty(read["chains"]!.AsArray());
        Assert.Null(read["title"]);

        var byChain = await admin.GetFromJsonAsync<JsonObject>($"/api/leaders?chain={chain}");
        Assert.Equal(0, byChain!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/leaders/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/leaders/{Guid.NewGuid()}", new { userName = user, name = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_team_needs_a_unique_name_a_kind_an_existing_lead_leader_and_members()
    {
        var admin = await App.ClientForAsync("admin");
        var errors = await ErrorsAsync(await admin.PostAsJsonAsync("/api/teams", new
        {
            kind = "squadron",
            leadUserName = "nobody-at-all",
            leaderId = Guid.NewGuid(),
            members = new[] { "squad", "nobody-either" },
        }));
        Assert.Equal(["kind", "leadUserName", "leaderId", "members[1]", "name"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("serviceSquad、outpost 或 townSquad", errors["kind"][0], StringComparison.Ordinal);

        var member = await TestUsers.CreateAsync(App, "mbr", Roles.Squad);
        var team = await CreateTeamAsync(admin, "outpost", "leader", "squad", member.ToUpperInvariant(), "squad");
        Assert.Equal("outpost", team["kind"]!.GetValue<string>());
        Assert.Equal($"team:{team["id"]}", team["roleName"]!.GetValue<string>());
        Assert.Equal(new[] { member, "squad" }.Order(StringComparer.Ordinal), team["members"]!.AsArray().Select(m => m!.GetValue<string>()));

        var name = team["name"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/teams", new { name, kind = "townSquad", leadUserName = "leader" })).StatusCode);

        var id = team["id"]!.GetValue<Guid>();
        var renamed = await admin.PutAsJsonAsync($"/api/teams/{id}", new { name = name + "二", kind = "serviceSquad", leadUserName = "squad", members = new[] { member } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var read = await (await App.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>($"/api/teams/{id}");
        Assert.Equal("serviceSquad", read!["kind"]!.GetValue<string>());
        Assert.Equal([member], read["members"]!.AsArray().Select(m => m!.GetValue<string>()));

        var squads = await admin.GetFromJsonAsync<JsonObject>("/api/teams?kind=serviceSquad&pageSize=200");
        Assert.Contains(squads!["items"]!.AsArray(), t => t!["id"]!.GetValue<Guid>() == id);
        Assert.DoesNotContain(squads["items"]!.AsArray(), t => t!["kind"]!.GetValue<string>() != "serviceSquad");
        Assert.Equal(["kind"], (await ErrorsAsync(await admin.GetAsync("/api/teams?kind=navy"))).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/teams/{Guid.NewGuid()}")).StatusCode);
    }

    internal static string TeamTaskDefinition(string id, string role, string deadlines = "") => $$"""
        {
          "id": "{{id}}", "name": "Team task",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "visit", "type": "HumanTask", "inputs": { "title": "回访企业 / Call back", "assignee": { "role": "{{role}}" } {{deadlines}} } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "visit" },
            { "source": "visit", "outcome": "Done", "target": "end" }
          ]
        }
        """;

    internal static async Task<Guid> StartAsync(HttpClient admin, string definition, string id)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(definition, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject?> InboxTaskAsync(HttpClient client, Guid instanceId)
    {
        var list = await client.GetFromJsonAsync<JsonObject>("/api/tasks?scope=mine&pageSize=200");
        return list!["items"]!.AsArray().OfType<JsonObject>().SingleOrDefault(t => t["instanceId"]!.GetValue<Guid>() == instanceId);
    }

    [Fact]
    public async Task A_task_assigned_to_a_team_is_in_its_members_and_leads_inboxes_only_and_a_member_completes_it()
    {
        var admin = await App.ClientForAsync("admin");
        var member = await TestUsers.CreateAsync(App, "mbr", Roles.Squad);
        var outsider = await TestUsers.CreateAsync(App, "out", Roles.Squad);
        var lead = await TestUsers.CreateAsync(App, "lead", Roles.Squad);
        var team = await CreateTeamAsync(admin, "townSquad", lead, member);
        var id = Unique("team-task");
        var instanceId = await StartAsync(admin, TeamTaskDefinition(id, team["roleName"]!.GetValue<string>()), id);

        var memberClient = await App.ClientForAsync(member);
        var task = await InboxTaskAsync(memberClient, instanceId);
        Assert.NotNull(task);
        Assert.Equal(team["roleName"]!.GetValue<string>(), task["assignee"]!["role"]!.GetValue<string>());
        Assert.NotNull(await InboxTaskAsync(await App.ClientForAsync(lead), instanceId));
        var outsiderClient = await App.ClientForAsync(outsider);
        Assert.Null(await InboxTaskAsync(outsiderClient, instanceId));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsiderClient.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Done" })).StatusCode);

        var done = await memberClient.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Done" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(member, (await done.Content.ReadFromJsonAsync<JsonObject>())!["completedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Leaving_a_team_takes_its_tasks_out_of_the_inbox_at_once_without_a_new_token()
    {
        var admin = await App.ClientForAsync("admin");
        var member = await TestUsers.CreateAsync(App, "mbr", Roles.Squad);
        var team = await CreateTeamAsync(admin, "outpost", "leader", member);
        var id = Unique("team-task");
        var instanceId = await StartAsync(admin, TeamTaskDefinition(id, team["roleName"]!.GetValue<string>()), id);
        var memberClient = await App.ClientForAsync(member);
        Assert.NotNull(await InboxTaskAsync(memberClient, instanceId));

        var teamId = team["id"]!.GetValue<Guid>();
        var left = await admin.PutAsJsonAsync($"/api/teams/{teamId}", new { name = team["name"]!.GetValue<string>(), kind = "outpost", leadUserName = "leader", members = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);

        Assert.Null(await InboxTaskAsync(memberClient, instanceId));
    }

    [Fact]
    public async Task The_user_directory_resolves_a_team_role_to_its_members_and_lead()
    {
        var admin = await App.ClientForAsync("admin");
        var member = await TestUsers.CreateAsync(App, "mbr", Roles.Squad);
        var team = await CreateTeamAsync(admin, "outpost", "leader", member, "squad");
        var directory = App.Services.GetRequiredService<IUserDirectory>();

        var people = await directory.ResolveAsync([new RecipientSpec(null, team["roleName"]!.GetValue<string>())], CancellationToken.None);

        Assert.Equal(new[] { "leader", member, "squad" }.Order(StringComparer.Ordinal), people.Select(p => p.UserName).Order(StringComparer.Ordinal));
        Assert.Empty(await directory.ResolveAsync([new RecipientSpec(null, $"team:{Guid.NewGuid()}"), new RecipientSpec(null, "team:not-a-guid")], CancellationToken.None));
    }
}

public sealed class SqliteOrganisationApiTests(SqliteApp app) : OrganisationApiTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresOrganisationApiTests(PostgresApp app) : OrganisationApiTests(app), IClassFixture<PostgresApp>;

/// <summary>A team's task through the real pipeline: Hangfire fires its reminder and escalation, which reach its people.</summary>
[Trait("Category", "Slow")]
[Collection(HostsStartedAlone.Name)]
public sealed class TeamDeadlineEndToEndTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_reminder_and_an_escalation_of_a_team_task_reach_every_member_and_nobody_else()
    {
        var admin = await app.ClientForAsync("admin");
        var member = await TestUsers.CreateAsync(app, "mbr", Roles.Squad);
        var other = await TestUsers.CreateAsync(app, "mbr", Roles.Squad);
        var outsider = await TestUsers.CreateAsync(app, "out", Roles.Squad);
        var team = await OrganisationApiTests.CreateTeamAsync(admin, "serviceSquad", member, other);
        var id = OrganisationApiTests.Unique("team-due");
        var deadlines = """, "due": "PT4S", "reminders": ["-PT2S"], "escalation": [ { "after": "PT0S", "notify": ["assignee"] } ]""";
        var instanceId = await OrganisationApiTests.StartAsync(admin, OrganisationApiTests.TeamTaskDefinition(id, team["roleName"]!.GetValue<string>(), deadlines), id);

        foreach (var user in new[] { member, other })
        {
            var client = await app.ClientForAsync(user);
            await Eventually.TrueAsync(async () => (await KindsAsync(client, instanceId)).SetEquals(["reminder", "escalation"]), TimeSpan.FromSeconds(60));
        }
        Assert.Empty(await KindsAsync(await app.ClientForAsync(outsider), instanceId));
    }

    private static async Task<HashSet<string>> KindsAsync(HttpClient client, Guid instanceId)
    {
        var list = await client.GetFromJsonAsync<JsonObject>("/api/notifications?pageSize=200");
        return [.. list!["items"]!.AsArray().OfType<JsonObject>()
            .Where(n => n["instanceId"]?.GetValue<Guid>() == instanceId).Select(n => n["kind"]!.GetValue<string>())];
    }
}

/// <summary>The OpenAPI document tells the truth about the organisation and lead endpoints: each is there, with a summary saying who may call it.</summary>
public sealed class OrganisationOpenApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_text_in_both_languages_is_documented_as_a_string_or_an_object_with_zh_CN_and_en()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var schemas = document!["components"]!["schemas"]!.AsObject();

        var text = Assert.Single(schemas, s => s.Key.StartsWith("LocalizedText", StringComparison.Ordinal)).Value!.AsObject();
        var oneOf = text["oneOf"]!.AsArray();
        Assert.Equal("string", oneOf[0]!["type"]!.GetValue<string>());
        Assert.Equal(["zh-CN", "en"], oneOf[1]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Null(text["properties"]);
    }

    [Fact]
    public async Task Every_organisation_and_lead_operation_is_documented_with_who_may_call_it()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var operations = document!["paths"]!.AsObject()
            .Where(p => new[] { "/api/chains", "/api/leaders", "/api/teams", "/api/leads", "/api/promotion-activities" }.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Value is JsonObject { } op && op.ContainsKey("responses")).Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!.AsObject())))
            .ToList();

        Assert.Equal(18, operations.Count);
        foreach (var (path, method, operation) in operations)
        {
            var summary = operation["summary"]?.GetValue<string>() ?? "";
            Assert.True(summary.Contains("Admin", StringComparison.Ordinal) || summary.Contains("signed-in", StringComparison.Ordinal),
                $"{method} {path}: '{summary}' does not say who may call it.");
        }
    }
}
