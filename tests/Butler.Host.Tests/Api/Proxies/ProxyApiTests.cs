using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api.Proxies;

/// <summary>代理人 over real HTTP on SQLite: naming a proxy, its refusals, and the proxy acting on the person's behalf.</summary>
public sealed class ProxyApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(3);

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<string?> FieldCodeAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal([field], body["errors"]!.AsObject().Select(e => e.Key));
        return body["fields"]?[field]?["code"]?.GetValue<string>();
    }

    private async Task<HttpResponseMessage> SetAsync(string owner, object body) =>
        await (await app.ClientForAsync(owner)).PutAsJsonAsync("/api/me/proxy", body);

    /// <summary>Start → a task for <paramref name="principal"/> by name → an approval naming them → End, started; returns the run.</summary>
    private async Task<Guid> StartRunForAsync(string principal)
    {
        var admin = await app.ClientForAsync("admin");
        var id = $"proxy-{Guid.NewGuid():N}"[..24];
        var json = $$"""
            {
              "id": "{{id}}", "name": { "zh-CN": "代理测试", "en": "Proxy test" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "check", "type": "HumanTask", "inputs": { "title": "Check {{id}}", "assignee": { "user": "{{principal}}" }, "outcomes": ["Done"] } },
                { "id": "sign", "type": "Approval", "inputs": { "title": "Sign {{id}}", "approvers": [ { "user": "{{principal}}" } ], "outcomes": ["Approve", "Reject"] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "check" },
                { "source": "check", "outcome": "Done", "target": "sign" },
                { "source": "sign", "outcome": "Approve", "target": "end" },
                { "source": "sign", "outcome": "Reject", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await BodyAsync(started))["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject?> OpenTaskOfAsync(HttpClient client, Guid instanceId) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/tasks?scope=mine&pageSize=200"))!["items"]!.AsArray().OfType<JsonObject>()
            .SingleOrDefault(t => t["instanceId"]!.GetValue<Guid>() == instanceId);

    private static async Task<JsonObject?> PendingApprovalOfAsync(HttpClient client, Guid instanceId) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200"))!["items"]!.AsArray().OfType<JsonObject>()
            .SingleOrDefault(a => a["instanceId"]!.GetValue<Guid>() == instanceId);

    [Fact]
    public async Task I_name_my_proxy_read_it_back_and_end_it()
    {
        var leader = await TestUsers.CreateAsync(app, "lead", "Leader");
        var deputy = await TestUsers.CreateAsync(app, "deputy", "Squad");
        var client = await app.ClientForAsync(leader);

        var saved = await client.PutAsJsonAsync("/api/me/proxy", new { to = deputy.ToUpperInvariant(), until = Soon, comment = "赴深圳招商" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var proxy = await BodyAsync(await client.GetAsync("/api/me/proxy"));
        Assert.Equal((leader, deputy, "赴深圳招商", true), (proxy["userName"]!.GetValue<string>(), proxy["to"]!.GetValue<string>(),
            proxy["comment"]!.GetValue<string>(), proxy["active"]!.GetValue<bool>()));
        Assert.True(proxy["from"]!.GetValue<DateTimeOffset>() <= DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/me/proxy")).StatusCode);
        var gone = await client.GetAsync("/api/me/proxy");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("proxy.none", (await BodyAsync(gone))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_proxy_is_refused_for_nobody_a_locked_account_oneself_and_an_end_before_its_start()
    {
        var owner = await TestUsers.CreateAsync(app, "owner", "Leader");
        var locked = await TestUsers.CreateAsync(app, "locked", "Squad");
        var deputy = await TestUsers.CreateAsync(app, "deputy", "Squad");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("admin")).PostAsync($"/api/users/{locked}/lock", null)).StatusCode);

        Assert.Equal("field.noUser", await FieldCodeAsync(await SetAsync(owner, new { to = "nobody-here", until = Soon }), "to"));
        Assert.Equal("field.userLocked", await FieldCodeAsync(await SetAsync(owner, new { to = locked, until = Soon }), "to"));
        Assert.Equal("proxy.self", await FieldCodeAsync(await SetAsync(owner, new { to = owner, until = Soon }), "to"));
        Assert.Equal("field.userRequired", await FieldCodeAsync(await SetAsync(owner, new { until = Soon }), "to"));
        Assert.Equal("field.instantRequired", await FieldCodeAsync(await SetAsync(owner, new { to = deputy }), "until"));
        Assert.Equal("proxy.untilBeforeFrom", await FieldCodeAsync(await SetAsync(owner, new { to = deputy, from = Soon, until = Soon.AddHours(-1) }), "until"));
        Assert.Equal("field.notFuture", await FieldCodeAsync(await SetAsync(owner, new { to = deputy, from = Soon.AddDays(-10), until = Soon.AddDays(-5) }), "until"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(owner)).GetAsync("/api/me/proxy")).StatusCode);
    }

    [Fact]
    public async Task A_proxy_loop_at_overlapping_times_is_a_400_naming_to_and_one_at_other_times_is_not()
    {
        var a = await TestUsers.CreateAsync(app, "a", "Leader");
        var b = await TestUsers.CreateAsync(app, "b", "Leader");
        var c = await TestUsers.CreateAsync(app, "c", "Leader");
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(a, new { to = b, until = Soon })).StatusCode);

        var back = await SetAsync(b, new { to = a, until = Soon.AddDays(1) });
        Assert.Equal("proxy.loop", await FieldCodeAsync(back, "to"));
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(b, new { to = a, from = Soon.AddDays(1), until = Soon.AddDays(2) })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SetAsync(b, new { to = c, until = Soon })).StatusCode);
        Assert.Equal("proxy.loop", await FieldCodeAsync(await SetAsync(c, new { to = a, until = Soon }), "to"));
    }

    [Fact]
    public async Task Only_an_admin_names_someone_elses_proxy()
    {
        var owner = await TestUsers.CreateAsync(app, "owner", "Leader");
        var deputy = await TestUsers.CreateAsync(app, "deputy", "Squad");
        var body = new { to = deputy, until = Soon, comment = "病假" };

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("leader")).PutAsJsonAsync($"/api/users/{owner}/proxy", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(deputy)).GetAsync($"/api/users/{owner}/proxy")).StatusCode);
        var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{owner}/proxy", body)).StatusCode);
        Assert.Equal(deputy, (await BodyAsync(await (await app.ClientForAsync(owner)).GetAsync("/api/me/proxy")))["to"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/users/nobody-here/proxy", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{owner}/proxy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/users/{owner}/proxy")).StatusCode);
    }

    [Fact]
    public async Task While_away_the_proxy_completes_the_persons_task_and_votes_in_their_seat_once_and_hears_of_it()
    {
        var leader = await TestUsers.CreateAsync(app, "lead", "Leader");
        var deputy = await TestUsers.CreateAsync(app, "deputy", "Squad");
        var instanceId = await StartRunForAsync(leader);
        var proxyClient = await app.ClientForAsync(deputy);
        Assert.Null(await OpenTaskOfAsync(proxyClient, instanceId));
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(leader, new { to = deputy, until = Soon })).StatusCode);

        var task = await OpenTaskOfAsync(proxyClient, instanceId);
        Assert.NotNull(task);
        Assert.Equal(leader, task["onBehalfOf"]!.GetValue<string>());
        Assert.Contains("complete", (await BodyAsync(await proxyClient.GetAsync($"/api/tasks/{task["id"]}/actions")))["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await proxyClient.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Done" })).StatusCode);

        var approval = await PendingApprovalOfAsync(proxyClient, instanceId);
        Assert.NotNull(approval);
        Assert.Equal(leader, approval["onBehalfOf"]!.GetValue<string>());
        var notices = await proxyClient.GetFromJsonAsync<JsonObject>("/api/notifications?pageSize=200");
        Assert.Contains(notices!["items"]!.AsArray().OfType<JsonObject>(), n => n["kind"]!.GetValue<string>() == "approvalRequested"
            && n["title"]!.GetValue<string>().Contains(approval["title"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await proxyClient.PostAsJsonAsync($"/api/approvals/{approval["id"]}/decide", new { outcome = "Approve", comment = "同意" })).StatusCode);

        var decided = await (await app.ClientForAsync(leader)).GetFromJsonAsync<JsonObject>($"/api/approvals/{approval["id"]}");
        Assert.Equal(("decided", "Approve"), (decided!["status"]!.GetValue<string>(), decided["outcome"]!.GetValue<string>()));
        var mine = await proxyClient.GetFromJsonAsync<JsonObject>("/api/approvals?status=decided&pageSize=200");
        Assert.Contains(mine!["items"]!.AsArray().OfType<JsonObject>(), a => a["id"]!.GetValue<Guid>() == approval["id"]!.GetValue<Guid>());
        var vote = Assert.Single(decided["votes"]!.AsArray())!;
        Assert.Equal((leader, deputy), (vote["approver"]!.GetValue<string>(), vote["castBy"]!.GetValue<string>()));
        var journal = (await (await app.ClientForAsync("admin")).GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!["journal"]!
            .AsArray().OfType<JsonObject>().ToList();
        foreach (var kind in new[] { "TaskCompleted", "ApprovalVoted" })
        {
            var entry = journal.First(j => j["kind"]!.GetValue<string>() == kind);
            Assert.Equal((deputy, leader), (entry["actor"]!.GetValue<string>(), entry["onBehalfOf"]?.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_trip_names_the_recorders_proxy_for_its_days_and_a_refused_proxy_records_no_trip()
    {
        var leader = await TestUsers.CreateAsync(app, "lead", "Leader");
        var deputy = await TestUsers.CreateAsync(app, "deputy", "Squad");
        var client = await app.ClientForAsync(leader);
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10));

        var refused = await client.PostAsJsonAsync("/api/promotion-activities", new { kind = "trip", date = day, people = leader, place = "深圳", proxy = new { to = leader } });
        Assert.Equal("proxy.self", await FieldCodeAsync(refused, "proxy.to"));
        Assert.Equal("proxy.tripOnly", await FieldCodeAsync(await client.PostAsJsonAsync("/api/promotion-activities",
            new { kind = "visit", date = day, people = leader, proxy = new { to = deputy } }), "proxy"));
        var recorded = await client.PostAsJsonAsync("/api/promotion-activities",
            new { kind = "trip", date = day, people = leader, place = "深圳", proxy = new { to = deputy, until = day.AddDays(2), comment = "赴深圳招商" } });

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var proxy = await BodyAsync(await client.GetAsync("/api/me/proxy"));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Assert.Equal(deputy, proxy["to"]!.GetValue<string>());
        Assert.Equal(day, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(proxy["from"]!.GetValue<DateTimeOffset>(), zone).DateTime));
        Assert.Equal(TimeSpan.FromDays(3), proxy["until"]!.GetValue<DateTimeOffset>() - proxy["from"]!.GetValue<DateTimeOffset>());
        var trips = await client.GetFromJsonAsync<JsonObject>("/api/promotion-activities?kind=trip&pageSize=200");
        Assert.Single(trips!["items"]!.AsArray().OfType<JsonObject>(), t => t["recordedBy"]!.GetValue<string>() == leader);
    }

    [Fact]
    public async Task The_person_and_the_proxy_share_one_seat_so_the_second_vote_is_a_409()
    {
        var leader = await TestUsers.CreateAsync(app, "lead", "Leader");
        var deputy = await TestUsers.CreateAsync(app, "deputy", "Squad");
        var instanceId = await StartRunForAsync(leader);
        var leaderClient = await app.ClientForAsync(leader);
        var task = await OpenTaskOfAsync(leaderClient, instanceId);
        Assert.Equal(HttpStatusCode.OK, (await leaderClient.PostAsJsonAsync($"/api/tasks/{task!["id"]}/complete", new { outcome = "Done" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(leader, new { to = deputy, until = Soon })).StatusCode);
        var approval = await PendingApprovalOfAsync(leaderClient, instanceId);

        Assert.Equal(HttpStatusCode.OK, (await leaderClient.PostAsJsonAsync($"/api/approvals/{approval!["id"]}/decide", new { outcome = "Reject", comment = "不同意" })).StatusCode);
        var second = await (await app.ClientForAsync(deputy)).PostAsJsonAsync($"/api/approvals/{approval["id"]}/decide", new { outcome = "Approve" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task A_proxy_of_a_proxy_is_followed_once_and_no_further()
    {
        var a = await TestUsers.CreateAsync(app, "a", "Leader");
        var b = await TestUsers.CreateAsync(app, "b", "Leader");
        var c = await TestUsers.CreateAsync(app, "c", "Leader");
        var d = await TestUsers.CreateAsync(app, "d", "Leader");
        var instanceId = await StartRunForAsync(a);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(a, new { to = b, until = Soon })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(b, new { to = c, until = Soon })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(c, new { to = d, until = Soon })).StatusCode);

        Assert.NotNull(await OpenTaskOfAsync(await app.ClientForAsync(b), instanceId));
        Assert.NotNull(await OpenTaskOfAsync(await app.ClientForAsync(c), instanceId));
        Assert.Null(await OpenTaskOfAsync(await app.ClientForAsync(d), instanceId));
    }

    [Fact]
    public async Task A_proxy_that_has_not_begun_yet_reaches_nobody()
    {
        var leader = await TestUsers.CreateAsync(app, "lead", "Leader");
        var deputy = await TestUsers.CreateAsync(app, "deputy", "Squad");
        var instanceId = await StartRunForAsync(leader);

        var saved = await SetAsync(leader, new { to = deputy, from = Soon, until = Soon.AddDays(2) });

        Assert.False((await BodyAsync(saved))["active"]!.GetValue<bool>());
        Assert.Null(await OpenTaskOfAsync(await app.ClientForAsync(deputy), instanceId));
    }
}
