using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Butler.Host.Tests.Support;

/// <summary>Open tasks made through the API, each in a definition of its own so tests sharing a host never meet.</summary>
public static class TestTasks
{
    /// <summary>Publishes <see cref="Definitions.TaskThenDecision"/> under a new id, starts it, and finds its task for the role Squad.</summary>
    public static Task<(Guid TaskId, Guid InstanceId)> OpenSquadTaskAsync(ButlerApp app, string prefix = "task") =>
        OpenSquadTaskAsync(app, prefix, Definitions.TaskThenDecision);

    /// <summary>Publishes a definition made by <paramref name="definition"/> under a new id, starts it, and finds its first task for the role Squad.</summary>
    public static async Task<(Guid TaskId, Guid InstanceId)> OpenSquadTaskAsync(ButlerApp app, string prefix, Func<string, string> definition)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(definition);
        var admin = await app.ClientForAsync("admin");
        var id = $"{prefix}-{Guid.NewGuid():N}"[..30];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions",
            new StringContent(definition(id), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id, input = new { company = "双汇食品" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var list = await (await app.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        var taskId = list!["items"]!.AsArray().OfType<JsonObject>().Single(t => t["instanceId"]!.GetValue<Guid>() == instanceId)["id"]!.GetValue<Guid>();
        return (taskId, instanceId);
    }
}
