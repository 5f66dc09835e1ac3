using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api.Instances;

/// <summary>POST /api/workflow-instances/{id}/alterations over the real HTTP pipeline.</summary>
public sealed class InstanceAlterationApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<(HttpClient Admin, Guid InstanceId)> RunningInstanceAsync()
    {
        var admin = await app.ClientForAsync("admin");
        var id = $"alter-{Guid.NewGuid():N}"[..30];
        var created = await admin.PostAsync("/api/workflow-definitions", new StringContent(Support.Definitions.TaskThenDecision(id), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id, input = new { company = "双汇食品" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (admin, (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
    }

    private static async Task<JsonObject> InstanceAsync(HttpClient admin, Guid id) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{id}"))!;

    [Fact]
    public async Task An_administrator_sets_a_variable_cancels_the_waiting_task_and_schedules_the_next_step_in_one_go()
    {
        var (admin, instanceId) = await RunningInstanceAsync();

        var response = await admin.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/alterations", new
        {
            reason = "调度会决定免于核查",
            alterations = new object[]
            {
                new { kind = "setVariables", values = new { amount = 99 } },
                new { kind = "cancelActivity", activityId = "check" },
                new { kind = "scheduleActivity", activityId = "big" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instance = await InstanceAsync(admin, instanceId);
        Assert.Equal("Completed", instance["status"]!.GetValue<string>());
        Assert.Equal(99, instance["variables"]!["amount"]!.GetValue<int>());
        var journal = instance["journal"]!.AsArray().OfType<JsonObject>().ToList();
        foreach (var kind in new[] { "VariablesSet", "ActivityCancelled", "ActivityScheduled" })
        {
            var entry = journal.Single(j => j["kind"]!.GetValue<string>() == kind);
            Assert.Equal("admin", entry["actor"]!.GetValue<string>());
            Assert.Equal("调度会决定免于核查", entry["comment"]!.GetValue<string>());
        }
        Assert.Contains(journal, j => j["kind"]!.GetValue<string>() == "ActivityCompleted" && j["activityId"]!.GetValue<string>() == "big"
            && j["outcome"]!.GetValue<string>() == "True");
        var tasks = await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?scope=all&status=open&pageSize=200");
        Assert.DoesNotContain(tasks!["items"]!.AsArray().OfType<JsonObject>(), t => t["instanceId"]!.GetValue<Guid>() == instanceId);
    }

    [Theory]
    [InlineData("""{"reason":"r","alterations":[]}""", "alterations")]
    [InlineData("""{"reason":"r","alterations":[{"kind":"skip"}]}""", "alterations[0].kind")]
    [InlineData("""{"reason":"r","alterations":[{"kind":"scheduleActivity"}]}""", "alterations[0].activityId")]
    [InlineData("""{"reason":"r","alterations":[{"kind":"setVariables"}]}""", "alterations[0].values")]
    [InlineData("""{"reason":"r","alterations":[{"kind":"moveToVersion"}]}""", "alterations[0].version")]
    [InlineData("""{"alterations":[{"kind":"scheduleActivity","activityId":"big"}]}""", "reason")]
    [InlineData("""{"reason":"r","alterations":[{"kind":"setVariables","values":{"amonut":1}}]}""", "variables.amonut")]
    [InlineData("""{"reason":"r","alterations":[{"kind":"scheduleActivity","activityId":"big"},{"kind":"scheduleActivity","activityId":"nope"}]}""", "alterations[1].activityId")]
    public async Task A_bad_alteration_is_a_400_naming_its_field_and_changes_nothing(string body, string field)
    {
        var (admin, instanceId) = await RunningInstanceAsync();
        var before = await InstanceAsync(admin, instanceId);

        var response = await admin.PostAsync($"/api/workflow-instances/{instanceId}/alterations", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        var after = await InstanceAsync(admin, instanceId);
        Assert.Equal("Running", after["status"]!.GetValue<string>());
        Assert.Equal(before["journal"]!.AsArray().Count, after["journal"]!.AsArray().Count);
    }

    [Fact]
    public async Task Only_an_administrator_may_alter_an_instance()
    {
        var (admin, instanceId) = await RunningInstanceAsync();
        var body = new { reason = "r", alterations = new object[] { new { kind = "scheduleActivity", activityId = "big" } } };

        var anonymous = await app.CreateClient().PostAsJsonAsync($"/api/workflow-instances/{instanceId}/alterations", body);
        var leader = await (await app.ClientForAsync("leader")).PostAsJsonAsync($"/api/workflow-instances/{instanceId}/alterations", body);
        var squad = await (await app.ClientForAsync("squad")).PostAsJsonAsync($"/api/workflow-instances/{instanceId}/alterations", body);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, squad.StatusCode);
        Assert.Equal("Running", (await InstanceAsync(admin, instanceId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Altering_a_missing_instance_is_a_404()
    {
        var admin = await app.ClientForAsync("admin");

        var response = await admin.PostAsJsonAsync($"/api/workflow-instances/{Guid.NewGuid()}/alterations",
            new { reason = "r", alterations = new object[] { new { kind = "scheduleActivity", activityId = "big" } } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
