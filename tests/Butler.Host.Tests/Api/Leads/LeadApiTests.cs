using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Host.Tests.Api.Organisation;
using Butler.Host.Tests.Support;
using Butler.Workflows.Persistence;
using Butler.Workflows.Onboarding;

namespace Butler.Host.Tests.Api.Leads;

/// <summary>Leads and promotion activities over HTTP: validation, who may edit, status moves and the SLA that follows them; on SQLite and PostgreSQL.</summary>
public abstract class LeadApiTests(ButlerApp app)
{
    protected ButlerApp App { get; } = app;

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }

    internal static async Task<JsonObject> CreateLeadAsync(HttpClient client, string chain, object? extra = null)
    {
        var body = new JsonObject { ["source"] = "visit", ["company"] = $"卫龙食品 {Guid.NewGuid():N}"[..14], ["chain"] = chain, ["intendedInvestment"] = 120_000_000 };
        if (extra is not null)
        {
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }
        var response = await client.PostAsJsonAsync("/api/leads", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> DetailAsync(HttpClient client, JsonObject lead) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/leads/{lead["id"]}"))!;

    private static async Task<JsonObject?> SlaTaskAsync(HttpClient client, JsonObject lead)
    {
        var list = await client.GetFromJsonAsync<JsonObject>("/api/tasks?scope=mine&pageSize=200");
        return list!["items"]!.AsArray().OfType<JsonObject>()
            .SingleOrDefault(t => t["instanceId"]!.GetValue<Guid>() == lead["slaInstanceId"]!.GetValue<Guid>());
    }

    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime)
        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_new_lead_belongs_to_its_creator_and_starts_its_SLA_with_a_respond_task_in_the_owners_inbox()
    {
        var chain = await OrganisationApiTests.CreateChainAsync(await App.ClientForAsync("admin"));
        var squad = await App.ClientForAsync("squad");

        var lead = await CreateLeadAsync(squad, chain, new { contact = "张经理 13800000000" });

        Assert.Equal("squad", lead["owner"]!.GetValue<string>());
        Assert.Equal("new", lead["status"]!.GetValue<string>());
        Assert.Equal("visit", lead["source"]!.GetValue<string>());
        Assert.Equal(Today, lead["receivedOn"]!.GetValue<string>());
        Assert.Equal("健康食品", lead["chain"]!["nameZh"]!.GetValue<string>());
        var task = await SlaTaskAsync(squad, lead);
        Assert.NotNull(task);
        Assert.Equal("respond", task["activityId"]!.GetValue<string>());
        Assert.Equal(["Responded"], task["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        var detail = await DetailAsync(squad, lead);
        Assert.Equal("running", detail["sla"]!["status"]!.GetValue<string>());
        Assert.Equal("respond", Assert.Single(detail["sla"]!["openSteps"]!.AsArray())!["step"]!.GetValue<string>());
        Assert.Equal(["assessed", "deepNegotiation", "signed", "dropped"], detail["nextStatuses"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Responding_and_assessing_in_the_inbox_moves_the_lead_to_assessed_and_ends_the_SLA()
    {
        var chain = await OrganisationApiTests.CreateChainAsync(await App.ClientForAsync("admin"));
        var squad = await App.ClientForAsync("squad");
        var lead = await CreateLeadAsync(squad, chain);

        var respond = await SlaTaskAsync(squad, lead);
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{respond!["id"]}/complete", new { outcome = "Responded", fields = new { response = "已电话联系" } })).StatusCode);
        var assess = await SlaTaskAsync(squad, lead);
        Assert.Equal("assess", assess!["activityId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{assess["id"]}/complete", new { outcome = "Assessed" })).StatusCode);

        var detail = await DetailAsync(squad, lead);
        Assert.Equal("assessed", detail["lead"]!["status"]!.GetValue<string>());
        Assert.Equal(Today, detail["lead"]!["assessedOn"]!.GetValue<string>());
        Assert.Equal(1, detail["lead"]!["revision"]!.GetValue<int>());
        Assert.Equal("completed", detail["sla"]!["status"]!.GetValue<string>());
        Assert.Empty(detail["sla"]!["openSteps"]!.AsArray());
    }

    [Fact]
    public async Task Moving_a_new_lead_on_by_hand_stamps_every_step_reached_and_ends_its_SLA()
    {
        var chain = await OrganisationApiTests.CreateChainAsync(await App.ClientForAsync("admin"));
        var squad = await App.ClientForAsync("squad");
        var lead = await CreateLeadAsync(squad, chain);

        var moved = await squad.PutAsJsonAsync($"/api/leads/{lead["id"]}", new { status = "deepNegotiation", revision = 0 });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var body = (await moved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("deepNegotiation", body["status"]!.GetValue<string>());
        Assert.Equal(Today, body["assessedOn"]!.GetValue<string>());
        Assert.Equal(Today, body["negotiationOn"]!.GetValue<string>());
        Assert.Null(body["signedOn"]);
        Assert.Equal(1, body["revision"]!.GetValue<int>());
        Assert.Null(await SlaTaskAsync(squad, lead));
        var detail = await DetailAsync(squad, lead);
        Assert.Equal("completed", detail["sla"]!["status"]!.GetValue<string>());
        Assert.Equal(["signed", "dropped"], detail["nextStatuses"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task An_illegal_or_unknown_status_is_400_naming_status_and_a_stale_revision_is_409()
    {
        var chain = await OrganisationApiTests.CreateChainAsync(await App.ClientForAsync("admin"));
        var leader = await App.ClientForAsync("leader");
        var lead = await CreateLeadAsync(leader, chain);
        var url = $"/api/leads/{lead["id"]}";

        Assert.Equal(["status"], (await ErrorsAsync(await leader.PutAsJsonAsync(url, new { status = "won" }))).Keys);
        Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync(url, new { status = "signed" })).StatusCode);
        var back = await ErrorsAsync(await leader.PutAsJsonAsync(url, new { status = "assessed" }));
        Assert.Contains("最终状态", Assert.Single(back["status"]), StringComparison.Ordinal);
        Assert.Equal(["status"], (await ErrorsAsync(await leader.PutAsJsonAsync(url, new { status = "dropped" }))).Keys);
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PutAsJsonAsync(url, new { note = "旧版本", revision = 0 })).StatusCode);

        var other = await CreateLeadAsync(leader, chain);
        await leader.PutAsJsonAsync($"/api/leads/{other["id"]}", new { status = "assessed" });
        var backwards = await ErrorsAsync(await leader.PutAsJsonAsync($"/api/leads/{other["id"]}", new { status = "new" }));
        // No Accept-Language: the caller reads zh-CN, and the statuses it may move to are named by their words.
        Assert.Contains(string.Join("、", new[] { LeadStatus.DeepNegotiation, LeadStatus.Signed }.Select(s => OnboardingWords.Lead(s).ZhCn)) + "或" + OnboardingWords.Lead(LeadStatus.Dropped).ZhCn,
            Assert.Single(backwards["status"]), StringComparison.Ordinal);
        var dropped = await leader.PutAsJsonAsync($"/api/leads/{other["id"]}", new { status = "dropped" });
        Assert.Equal(Today, (await dropped.Content.ReadFromJsonAsync<JsonObject>())!["droppedOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_squad_member_edits_only_their_own_leads_while_leaders_and_admins_edit_any()
    {
        var admin = await App.ClientForAsync("admin");
        var chain = await OrganisationApiTests.CreateChainAsync(admin);
        var squad = await App.ClientForAsync("squad");
        var leader = await App.ClientForAsync("leader");
        var leadersLead = await CreateLeadAsync(leader, chain);
        var squadsLead = await CreateLeadAsync(leader, chain, new { owner = "squad" });

        Assert.Equal(HttpStatusCode.Forbidden, (await squad.PutAsJsonAsync($"/api/leads/{leadersLead["id"]}", new { note = "试试" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await squad.PutAsJsonAsync($"/api/leads/{squadsLead["id"]}", new { note = "我的线索" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync($"/api/leads/{squadsLead["id"]}", new { note = "领导批注" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/leads/{leadersLead["id"]}", new { note = "管理员" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await squad.GetAsync($"/api/leads/{leadersLead["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await squad.PutAsJsonAsync($"/api/leads/{Guid.NewGuid()}", new { note = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_user_in_none_of_the_staff_roles_may_not_read_or_record_leads()
    {
        var nobody = await App.ClientForAsync(await TestUsers.CreateAsync(App, "norole"));
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("/api/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.PostAsJsonAsync("/api/promotion-activities", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nobody.GetAsync("/api/chains")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_400_naming_each_field()
    {
        var squad = await App.ClientForAsync("squad");
        var errors = await ErrorsAsync(await squad.PostAsJsonAsync("/api/leads", new
        {
            source = "rumour",
            chain = "no-such-chain",
            owner = "nobody-at-all",
            intendedInvestment = -5,
            receivedOn = "2999-01-01",
            note = new string('x', 4001),
        }));
        Assert.Equal(["chain", "company", "intendedInvestment", "note", "owner", "receivedOn", "source"], errors.Keys.Order(StringComparer.Ordinal));

        var chain = await OrganisationApiTests.CreateChainAsync(await App.ClientForAsync("admin"));
        var lead = await CreateLeadAsync(squad, chain);
        var update = await ErrorsAsync(await squad.PutAsJsonAsync($"/api/leads/{lead["id"]}", new { company = " ", chain = "nope", owner = "nobody-at-all" }));
        Assert.Equal(["chain", "company", "owner"], update.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["status", "year"], (await ErrorsAsync(await squad.GetAsync("/api/leads?status=hot&year=1999"))).Keys.Order(StringComparer.Ordinal));
        var malformed = await squad.PostAsync("/api/leads", new StringContent("{\"receivedOn\": \"yesterday\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("receivedOn", (await ErrorsAsync(malformed)).Keys.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leads_are_listed_newest_first_and_filtered_by_status_chain_owner_year_and_company()
    {
        var admin = await App.ClientForAsync("admin");
        var chain = await OrganisationApiTests.CreateChainAsync(admin);
        var leader = await App.ClientForAsync("leader");
        var old = await CreateLeadAsync(leader, chain, new { company = "Shuanghui 双汇 2024", receivedOn = "2024-05-06", source = "expo" });
        var recent = await CreateLeadAsync(leader, chain, new { company = "Weilong 卫龙", owner = "squad" });
        await leader.PutAsJsonAsync($"/api/leads/{recent["id"]}", new { status = "assessed" });

        async Task<List<Guid>> IdsAsync(string query) =>
            [.. (await leader.GetFromJsonAsync<JsonObject>($"/api/leads?chain={chain}&{query}"))!["items"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>())];

        var both = await IdsAsync("");
        Assert.Equal([recent["id"]!.GetValue<Guid>(), old["id"]!.GetValue<Guid>()], both);
        Assert.Equal([old["id"]!.GetValue<Guid>()], await IdsAsync("year=2024"));
        Assert.Equal([recent["id"]!.GetValue<Guid>()], await IdsAsync("status=assessed"));
        Assert.Equal([recent["id"]!.GetValue<Guid>()], await IdsAsync("owner=squad"));
        Assert.Equal([old["id"]!.GetValue<Guid>()], await IdsAsync("search=SHUANGHUI"));
        Assert.Equal([old["id"]!.GetValue<Guid>()], await IdsAsync("search=双汇"));
        var page = await leader.GetFromJsonAsync<JsonObject>($"/api/leads?chain={chain}&pageSize=1&page=2");
        Assert.Equal(2, page!["total"]!.GetValue<int>());
        Assert.Equal(old["id"]!.GetValue<Guid>(), Assert.Single(page["items"]!.AsArray())!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Trips_visits_and_receptions_are_recorded_on_a_lead_or_on_their_own_and_filtered_by_kind_and_year()
    {
        var chain = await OrganisationApiTests.CreateChainAsync(await App.ClientForAsync("admin"));
        var squad = await App.ClientForAsync("squad");
        var lead = await CreateLeadAsync(squad, chain);

        var onLead = await squad.PostAsJsonAsync($"/api/leads/{lead["id"]}/activities", new { kind = "reception", date = "2025-03-04", people = "王区长、李明；客商 3 人", place = "郾城区政府" });
        Assert.Equal(HttpStatusCode.Created, onLead.StatusCode);
        var trip = await squad.PostAsJsonAsync("/api/promotion-activities", new { kind = "trip", date = "2025-04-01", people = "招商分局 5 人", place = "深圳", note = "外出招商" });
        Assert.Equal(HttpStatusCode.Created, trip.StatusCode);
        Assert.Equal("squad", (await trip.Content.ReadFromJsonAsync<JsonObject>())!["recordedBy"]!.GetValue<string>());

        var detail = await DetailAsync(squad, lead);
        var activity = Assert.Single(detail["activities"]!.AsArray())!;
        Assert.Equal("reception", activity["kind"]!.GetValue<string>());
        Assert.Equal("2025-03-04", activity["date"]!.GetValue<string>());

        var receptions = await squad.GetFromJsonAsync<JsonObject>($"/api/promotion-activities?kind=reception&year=2025&leadId={lead["id"]}");
        Assert.Equal(1, receptions!["total"]!.GetValue<int>());
        var trips2026 = await squad.GetFromJsonAsync<JsonObject>($"/api/promotion-activities?kind=trip&year=2026&leadId={lead["id"]}");
        Assert.Equal(0, trips2026!["total"]!.GetValue<int>());

        var errors = await ErrorsAsync(await squad.PostAsJsonAsync("/api/promotion-activities", new { kind = "party", leadId = Guid.NewGuid() }));
        Assert.Equal(["date", "kind", "leadId", "people"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["leadId"], (await ErrorsAsync(await squad.PostAsJsonAsync($"/api/leads/{lead["id"]}/activities", new { kind = "visit", date = "2025-01-02", people = "李明", leadId = Guid.NewGuid() }))).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await squad.PostAsJsonAsync($"/api/leads/{Guid.NewGuid()}/activities", new { kind = "visit", date = "2025-01-02", people = "李明" })).StatusCode);
    }

    [Fact]
    public async Task A_signed_lead_converts_once_into_a_project_that_inherits_its_company_chain_investment_and_leader()
    {
        var admin = await App.ClientForAsync("admin");
        var leader = await App.ClientForAsync("leader");
        var chain = await OrganisationApiTests.CreateChainAsync(admin);
        var leaderUser = await TestUsers.CreateAsync(App, "ldr", Roles.Leader);
        var leaderRow = await admin.PostAsJsonAsync("/api/leaders", new { userName = leaderUser, name = "李书记", chains = new[] { chain } });
        Assert.Equal(HttpStatusCode.Created, leaderRow.StatusCode);
        var leaderId = (await leaderRow.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var squadTeam = await OrganisationApiTests.CreateTeamAsync(admin, "serviceSquad", "squad", "squad");
        var lead = await CreateLeadAsync(leader, chain, new { company = "漯河卫龙食品有限公司", intendedInvestment = 300_000_000 });
        var url = $"/api/leads/{lead["id"]}/convert";

        var early = await leader.PostAsJsonAsync(url, new { squadId = squadTeam["id"] });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var notSigned = (await early.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("lead.notSigned", notSigned["code"]!.GetValue<string>());
        Assert.Equal("线索的状态是“新线索”；只有已签约的线索才能转为项目。", notSigned["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync($"/api/leads/{lead["id"]}", new { status = "signed" })).StatusCode);
        Assert.Equal(["squadId"], (await ErrorsAsync(await leader.PostAsJsonAsync(url, new { }))).Keys);

        var converted = await leader.PostAsJsonAsync(url, new { squadId = squadTeam["id"], plannedStartMonth = "2026-12" });

        Assert.Equal(HttpStatusCode.Created, converted.StatusCode);
        var body = (await converted.Content.ReadFromJsonAsync<JsonObject>())!;
        var projectId = body["projectId"]!.GetValue<Guid>();
        Assert.Equal($"/api/projects/{projectId}", converted.Headers.Location!.OriginalString);
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/projects/{projectId}"))!;
        Assert.NotNull(detail["pipelineInstanceId"]);
        var project = detail["project"]!;
        Assert.Equal("漯河卫龙食品有限公司", project["company"]!.GetValue<string>());
        Assert.Equal(chain, project["chain"]!.GetValue<string>());
        Assert.Equal(300_000_000m, project["plannedInvestment"]!.GetValue<decimal>());
        Assert.Equal(Today, project["contractDate"]!.GetValue<string>());
        Assert.Equal(leaderId, project["leaderId"]!.GetValue<Guid>());
        // The butler pipeline has started: its first step moves the project on to permits.
        Assert.Equal("permits", project["stage"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsJsonAsync(url, new { squadId = squadTeam["id"] })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsJsonAsync($"/api/leads/{Guid.NewGuid()}/convert", new { squadId = squadTeam["id"] })).StatusCode);
    }

    [Fact]
    public async Task Two_converts_at_once_make_one_project()
    {
        var admin = await App.ClientForAsync("admin");
        var chain = await OrganisationApiTests.CreateChainAsync(admin);
        var leaderUser = await TestUsers.CreateAsync(App, "ldr", Roles.Leader);
        var leaderId = (await (await admin.PostAsJsonAsync("/api/leaders", new { userName = leaderUser, name = "李书记", chains = new[] { chain } }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var squadTeam = await OrganisationApiTests.CreateTeamAsync(admin, "serviceSquad", "squad", "squad");
        var lead = await CreateLeadAsync(admin, chain);
        await admin.PutAsJsonAsync($"/api/leads/{lead["id"]}", new { status = "signed" });
        var leader = await App.ClientForAsync("leader");

        var responses = await Task.WhenAll(
            admin.PostAsJsonAsync($"/api/leads/{lead["id"]}/convert", new { squadId = squadTeam["id"], leaderId }),
            leader.PostAsJsonAsync($"/api/leads/{lead["id"]}/convert", new { squadId = squadTeam["id"], leaderId }));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var projects = await admin.GetFromJsonAsync<JsonObject>($"/api/projects?chain={chain}");
        Assert.Equal(1, projects!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_new_owner_takes_over_the_open_SLA_step()
    {
        var chain = await OrganisationApiTests.CreateChainAsync(await App.ClientForAsync("admin"));
        var squad = await App.ClientForAsync("squad");
        var colleague = await TestUsers.CreateAsync(App, "sq", Roles.Squad);
        var lead = await CreateLeadAsync(squad, chain);

        var handed = await squad.PutAsJsonAsync($"/api/leads/{lead["id"]}", new { owner = colleague.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal(colleague, (await handed.Content.ReadFromJsonAsync<JsonObject>())!["owner"]!.GetValue<string>());
        Assert.Null(await SlaTaskAsync(squad, lead));
        Assert.NotNull(await SlaTaskAsync(await App.ClientForAsync(colleague), lead));
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.PutAsJsonAsync($"/api/leads/{lead["id"]}", new { note = "不再是我的" })).StatusCode);
    }
}

public sealed class SqliteLeadApiTests(SqliteApp app) : LeadApiTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresLeadApiTests(PostgresApp app) : LeadApiTests(app), IClassFixture<PostgresApp>;

/// <summary>A host whose lead SLA gives 3 seconds to respond, so its escalation can be watched with real Hangfire.</summary>
public sealed class QuickLeadSlaApp : ButlerApp
{
    public QuickLeadSlaApp() : base(DatabaseProvider.Sqlite, null)
    {
        With("Butler:Onboarding:LeadRespondWithin", "PT3S");
        With("Butler:Onboarding:LeadAssessWithin", "PT3S");
    }
}

/// <summary>The lead SLA's escalation through the real pipeline: Hangfire fires it, the owner and the team lead are told.</summary>
[Trait("Category", "Slow")]
[Collection(HostsStartedAlone.Name)]
public sealed class LeadSlaEndToEndTests(QuickLeadSlaApp app) : IClassFixture<QuickLeadSlaApp>
{
    [Fact]
    public async Task A_lead_not_responded_to_in_time_escalates_to_its_owner_and_the_owners_team_lead()
    {
        var admin = await app.ClientForAsync("admin");
        var chain = await OrganisationApiTests.CreateChainAsync(admin);
        var owner = await TestUsers.CreateAsync(app, "sq", Roles.Squad);
        var teamLead = await TestUsers.CreateAsync(app, "tl", Roles.Squad);
        await OrganisationApiTests.CreateTeamAsync(admin, "townSquad", teamLead, owner);
        var ownerClient = await app.ClientForAsync(owner);

        var lead = await LeadApiTests.CreateLeadAsync(ownerClient, chain);

        var instanceId = lead["slaInstanceId"]!.GetValue<Guid>();
        foreach (var client in new[] { ownerClient, await app.ClientForAsync(teamLead) })
        {
            await Eventually.TrueAsync(async () =>
            {
                var list = await client.GetFromJsonAsync<JsonObject>("/api/notifications?pageSize=200");
                return list!["items"]!.AsArray().OfType<JsonObject>()
                    .Any(n => n["instanceId"]?.GetValue<Guid>() == instanceId && n["kind"]!.GetValue<string>() == "escalation");
            }, TimeSpan.FromSeconds(90));
        }
        var step = (await ownerClient.GetFromJsonAsync<JsonObject>($"/api/leads/{lead["id"]}"))!["sla"]!["openSteps"]![0]!;
        Assert.Equal("red", step["light"]!.GetValue<string>());
    }
}
