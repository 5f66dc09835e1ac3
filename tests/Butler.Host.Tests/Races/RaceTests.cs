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
}

public sealed class SqliteRaceTests(SqliteApp app) : RaceTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresRaceTests(PostgresApp app) : RaceTests(app), IClassFixture<PostgresApp>;
