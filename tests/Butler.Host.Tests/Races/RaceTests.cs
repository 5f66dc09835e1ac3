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

    private async Task<(Guid TaskId, Guid InstanceId)> OpenSquadTaskAsync()
    {
        var admin = await App.ClientForAsync("admin");
        var id = $"race-{Guid.NewGuid():N}"[..30];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions",
            new StringContent(Definitions.TaskThenDecision(id), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id, input = new { company = "双汇食品" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var list = await (await App.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        var taskId = list!["items"]!.AsArray().OfType<JsonObject>().Single(t => t["instanceId"]!.GetValue<Guid>() == instanceId)["id"]!.GetValue<Guid>();
        return (taskId, instanceId);
    }

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
}

public sealed class SqliteRaceTests(SqliteApp app) : RaceTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresRaceTests(PostgresApp app) : RaceTests(app), IClassFixture<PostgresApp>;
