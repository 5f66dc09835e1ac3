using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Onboarding;

/// <summary>
/// The project ledger through the API on a real database: creation starts the pipeline for the squad, bad input is a
/// 400 naming the field, the squad sees and works its own projects only, problems and investment land in the ledger.
/// </summary>
public abstract class ProjectApiTests(ButlerApp app)
{
    private Task<(Guid Leader, Guid Squad, Guid OtherSquad)> OrganisationAsync() => TestOrganisation.CreateAsync(app);

    private static object NewProject(Guid leader, Guid squad, string company = "漯河测试食品有限公司") => new
    {
        name = "年产一万吨休闲食品项目", company, chain = "health-food", plannedInvestment = 120_000_000m,
        contractDate = "2026-11-02", leaderId = leader, squadId = squad, plannedStartMonth = "2027-03",
    };

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
    }

    [Fact]
    public async Task A_leader_creates_a_project_and_its_squad_gets_the_parallel_services_in_its_inbox()
    {
        var (leader, squad, _) = await OrganisationAsync();
        var client = await app.ClientForAsync("leader");

        var created = await client.PostAsJsonAsync("/api/projects", NewProject(leader, squad));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("permits", detail["project"]!["stage"]!.GetValue<string>());
        Assert.Equal("green", detail["project"]!["light"]!.GetValue<string>());
        Assert.Equal(5, detail["openTasks"]!.AsArray().Count);
        var inbox = await (await app.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        var mine = inbox!["items"]!.AsArray().Where(t => t!["assignee"]!["role"]?.GetValue<string>() == $"team:{squad:D}").ToList();
        Assert.Equal(5, mine.Count);
        Assert.Contains(mine, t => t!["activityId"]!.GetValue<string>() == "permitFoodProduction" && t["due"] is not null);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_only_leaders_and_admins_create()
    {
        var (leader, _, other) = await OrganisationAsync();
        var errors = await ErrorsOf(await (await app.ClientForAsync("admin")).PostAsJsonAsync("/api/projects",
            new { name = "", company = "Co", chain = "nope", plannedInvestment = -5, leaderId = Guid.NewGuid(), squadId = other }));
        Assert.Equal(["chain", "contractDate", "leaderId", "name", "plannedInvestment"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));

        var notASquad = await ErrorsOf(await (await app.ClientForAsync("admin")).PostAsJsonAsync("/api/projects", NewProject(leader, Guid.NewGuid())));
        Assert.True(notASquad.ContainsKey("squadId"));

        var forbidden = await (await app.ClientForAsync("squad")).PostAsJsonAsync("/api/projects", NewProject(leader, other));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_squad_works_its_own_project_problems_and_investment_and_cannot_see_another_squads()
    {
        var (leader, squad, other) = await OrganisationAsync();
        var admin = await app.ClientForAsync("admin");
        var ours = (await (await admin.PostAsJsonAsync("/api/projects", NewProject(leader, squad))).Content.ReadFromJsonAsync<JsonObject>())!["project"]!["id"]!.GetValue<Guid>();
        var theirs = (await (await admin.PostAsJsonAsync("/api/projects", NewProject(leader, other, "别家企业"))).Content.ReadFromJsonAsync<JsonObject>())!["project"]!["id"]!.GetValue<Guid>();
        var squadClient = await app.ClientForAsync("squad");

        Assert.Equal(HttpStatusCode.Forbidden, (await squadClient.GetAsync($"/api/projects/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await squadClient.PostAsJsonAsync($"/api/projects/{theirs}/investment", new { month = "2026-11", amount = 1 })).StatusCode);
        var list = await squadClient.GetFromJsonAsync<JsonObject>("/api/projects?pageSize=200");
        Assert.DoesNotContain(list!["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == theirs);

        var pastDue = await ErrorsOf(await squadClient.PostAsJsonAsync($"/api/projects/{ours}/problems",
            new { kind = "land", title = "用地指标", owner = "squad", dueAt = DateTimeOffset.UtcNow.AddDays(-1) }));
        Assert.True(pastDue.ContainsKey("dueAt"));
        Assert.True((await ErrorsOf(await squadClient.PostAsJsonAsync($"/api/projects/{ours}/problems",
            new { kind = "weather", title = "x", owner = "squad", dueAt = DateTimeOffset.UtcNow.AddDays(5) }))).ContainsKey("kind"));
        var raised = await squadClient.PostAsJsonAsync($"/api/projects/{ours}/problems",
            new { kind = "environmental", title = "环评批复待办", owner = "squad", dueAt = DateTimeOffset.UtcNow.AddDays(5).ToOffset(TimeSpan.FromHours(8)) });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var problem = (await raised.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var resolved = await squadClient.PostAsJsonAsync($"/api/projects/{ours}/problems/{problem}/resolve", new { resolution = "环保局已批复" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("resolved", (await resolved.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await squadClient.PostAsJsonAsync($"/api/projects/{ours}/problems/{problem}/resolve", new { resolution = "again" })).StatusCode);

        Assert.True((await ErrorsOf(await squadClient.PostAsJsonAsync($"/api/projects/{ours}/investment", new { month = "2026-13", amount = 5 }))).ContainsKey("month"));
        Assert.True((await ErrorsOf(await squadClient.PostAsJsonAsync($"/api/projects/{ours}/investment", new { month = "2026-10", amount = -5 }))).ContainsKey("amount"));
        Assert.Equal(HttpStatusCode.OK, (await squadClient.PostAsJsonAsync($"/api/projects/{ours}/investment", new { month = "2026-10", amount = 3_000_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await squadClient.PostAsJsonAsync($"/api/projects/{ours}/investment", new { month = "2026-10", amount = 5_000_000 })).StatusCode);

        var detail = await squadClient.GetFromJsonAsync<JsonObject>($"/api/projects/{ours}");
        Assert.Equal(5_000_000m, detail!["project"]!["investmentCompleted"]!.GetValue<decimal>());
        Assert.Single(detail["investment"]!.AsArray());
        var kinds = detail["timeline"]!.AsArray().Select(t => t!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("problemRaised", kinds);
        Assert.Contains("problemResolved", kinds);
        Assert.Equal(2, kinds.Count(k => k == "investment"));
    }

    [Fact]
    public async Task Moving_a_project_to_production_ends_its_pipeline_and_only_leaders_close_it()
    {
        var (leader, squad, _) = await OrganisationAsync();
        var admin = await app.ClientForAsync("admin");
        var detail = (await (await admin.PostAsJsonAsync("/api/projects", NewProject(leader, squad))).Content.ReadFromJsonAsync<JsonObject>())!;
        var id = detail["project"]!["id"]!.GetValue<Guid>();
        var squadClient = await app.ClientForAsync("squad");

        Assert.Equal(HttpStatusCode.Forbidden, (await squadClient.PutAsJsonAsync($"/api/projects/{id}", new { closing = "fulfilled" })).StatusCode);
        Assert.True((await ErrorsOf(await squadClient.PutAsJsonAsync($"/api/projects/{id}", new { stage = "launched" }))).ContainsKey("stage"));
        var stale = await squadClient.PutAsJsonAsync($"/api/projects/{id}", new { note = "x", revision = 99 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var moved = await squadClient.PutAsJsonAsync($"/api/projects/{id}", new { stage = "production", note = "提前投产" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = (await moved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("production", after["project"]!["stage"]!.GetValue<string>());
        Assert.Empty(after["openTasks"]!.AsArray());
        var pipeline = after["pipelineInstanceId"]!.GetValue<Guid>();
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{pipeline}");
        Assert.NotEqual("running", instance!["status"]!.GetValue<string>());
    }
}

public sealed class SqliteProjectApiTests(SqliteApp app) : ProjectApiTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresProjectApiTests(PostgresApp app) : ProjectApiTests(app), IClassFixture<PostgresApp>;
