using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Races;

/// <summary>Read-then-write races sent as real parallel requests: exactly one winner, the others 409, one journal entry.</summary>
public abstract class RaceTests(ButlerApp app)
{
    protected ButlerApp App { get; } = app;

    private Task<(Guid TaskId, Guid InstanceId)> OpenSquadTaskAsync() => TestTasks.OpenSquadTaskAsync(App, "race");

    private async Task<List<HttpClient>> SquadMembersAsync(int count)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < count; i++)
        {
            clients.Add(await App.ClientForAsync(await TestUsers.CreateAsync(App, "racer", "Squad")));
        }
        return clients;
    }

    private async Task<JsonArray> JournalAsync(Guid instanceId)
    {
        var admin = await App.ClientForAsync("admin");
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        return instance!["journal"]!.AsArray();
    }

    private static int Count(JsonArray journal, string kind) =>
        journal.OfType<JsonObject>().Count(e => string.Equals(e["kind"]?.GetValue<string>(), kind, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Members_claiming_one_role_task_at_once_leave_one_claimer_and_the_others_409()
    {
        var (taskId, instanceId) = await OpenSquadTaskAsync();
        var members = await SquadMembersAsync(6);

        var responses = await Task.WhenAll(members.Select(m => m.PostAsync($"/api/tasks/{taskId}/claim", null)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(members.Count - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonObject>();
        var task = await members[0].GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");
        Assert.Equal(winner!["claimedBy"]!.GetValue<string>(), task!["claimedBy"]!.GetValue<string>());
        Assert.Equal(1, Count(await JournalAsync(instanceId), "taskClaimed"));
    }

    [Fact]
    public async Task The_last_two_votes_of_a_countersign_cast_at_once_decide_it()
    {
        var admin = await App.ClientForAsync("admin");
        var first = await TestUsers.CreateAsync(App, "signer", "Leader");
        var second = await TestUsers.CreateAsync(App, "signer", "Leader");
        var id = $"race-all-{Guid.NewGuid():N}"[..30];
        var json = $$"""
            {
              "id": "{{id}}", "name": "Countersign",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "sign", "type": "Approval", "inputs": { "approvers": [ { "user": "{{first}}" }, { "user": "{{second}}" } ],
                    "outcomes": ["Approve", "Reject"], "mode": "all" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "sign" },
                { "source": "sign", "outcome": "Approve", "target": "end" },
                { "source": "sign", "outcome": "Reject", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var signers = new[] { await App.ClientForAsync(first), await App.ClientForAsync(second) };
        // Several rounds: a race lost once in a while must still show.
        for (var round = 0; round < 4; round++)
        {
            var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
            var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            var pending = await signers[0].GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200");
            var approvalId = pending!["items"]!.AsArray().OfType<JsonObject>().Single(a => a["instanceId"]!.GetValue<Guid>() == instanceId)["id"]!.GetValue<Guid>();

            var votes = await Task.WhenAll(signers.Select(s => s.PostAsJsonAsync($"/api/approvals/{approvalId}/decide", new { outcome = "Approve" })));

            Assert.All(votes, v => Assert.Equal(HttpStatusCode.OK, v.StatusCode));
            var approval = await signers[0].GetFromJsonAsync<JsonObject>($"/api/approvals/{approvalId}");
            Assert.Equal("decided", approval!["status"]!.GetValue<string>(), ignoreCase: true);
            var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
            Assert.Equal("completed", instance!["status"]!.GetValue<string>(), ignoreCase: true);
        }
    }

    [Fact]
    public async Task Notes_racing_a_completion_are_kept_or_refused_as_a_whole_never_an_error()
    {
        var members = await SquadMembersAsync(1);
        for (var round = 0; round < 4; round++)
        {
            var (taskId, _) = await OpenSquadTaskAsync();
            var notes = Enumerable.Range(0, 3).Select(i => members[0].PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = $"进展 {i}" })).ToList();
            var completion = members[0].PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } });
            await Task.WhenAll([.. notes, completion]);

            Assert.Equal(HttpStatusCode.OK, (await completion).StatusCode);
            var kept = (await members[0].GetFromJsonAsync<JsonArray>($"/api/tasks/{taskId}/notes"))!;
            Assert.Equal(notes.Count(n => n.Result.StatusCode == HttpStatusCode.Created), kept.Count);
            Assert.All(notes, n => Assert.Contains(n.Result.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
            Assert.Equal(HttpStatusCode.Conflict, (await members[0].PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "迟到的备注" })).StatusCode);
        }
    }

    private async Task<(HttpClient Leader, Guid ProjectId)> ProjectAsync()
    {
        var (leader, squad, _) = await TestOrganisation.CreateAsync(App);
        var client = await App.ClientForAsync("leader");
        var created = await client.PostAsJsonAsync("/api/projects", new
        {
            name = "并发测试项目", company = $"漯河并发食品 {Guid.NewGuid():N}"[..16], chain = "health-food", plannedInvestment = 80_000_000m,
            contractDate = "2026-11-02", leaderId = leader, squadId = squad,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (client, (await created.Content.ReadFromJsonAsync<JsonObject>())!["project"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Parallel_changes_of_one_project_each_commit_or_are_told_to_reload_never_lost_silently()
    {
        var (leader, projectId) = await ProjectAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            leader.PutAsJsonAsync($"/api/projects/{projectId}", new { note = $"调度记录 {i}" })));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var detail = (await leader.GetFromJsonAsync<JsonObject>($"/api/projects/{projectId}"))!;
        var notes = detail["timeline"]!.AsArray().OfType<JsonObject>().Count(e => e["kind"]?.GetValue<string>() == "note");
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.OK), notes);
    }

    [Fact]
    public async Task A_problem_resolved_by_several_people_at_once_is_resolved_once()
    {
        var (leader, projectId) = await ProjectAsync();
        var raised = await leader.PostAsJsonAsync($"/api/projects/{projectId}/problems",
            new { kind = "land", title = "用地指标未落实", owner = "squad", dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        var problemId = (await raised.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var resolvers = new[] { leader, await App.ClientForAsync("squad"), await App.ClientForAsync("admin") };

        var responses = await Task.WhenAll(resolvers.Select(c =>
            c.PostAsJsonAsync($"/api/projects/{projectId}/problems/{problemId}/resolve", new { resolution = "已协调自然资源局" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(resolvers.Length - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var detail = (await leader.GetFromJsonAsync<JsonObject>($"/api/projects/{projectId}"))!;
        Assert.Equal(1, detail["timeline"]!.AsArray().OfType<JsonObject>().Count(e => e["kind"]?.GetValue<string>() == "problemResolved"));
    }
}

public sealed class SqliteRaceTests(SqliteApp app) : RaceTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresRaceTests(PostgresApp app) : RaceTests(app), IClassFixture<PostgresApp>;
