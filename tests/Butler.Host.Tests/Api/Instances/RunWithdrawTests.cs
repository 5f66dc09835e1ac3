using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Api.Tasks;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api.Instances;

/// <summary>撤销: the starter of a run takes it back while nobody else has worked on it.</summary>
public sealed class RunWithdrawTests(MovesApp fixture) : IClassFixture<MovesApp>
{
    private ButlerApp App => fixture.App;

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => (await BodyAsync(response))["code"]?.GetValue<string>();

    [Fact]
    public async Task The_starter_withdraws_an_untouched_run_whose_open_task_closes_and_whose_assignee_is_told()
    {
        // TestTasks starts the run as the admin: the admin is its starter.
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "withdraw-run");
        var admin = await App.ClientForAsync("admin");
        var leader = await App.ClientForAsync("leader");

        var notYours = await leader.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/withdraw", new { comment = "不是我的" });
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        Assert.Equal("instance.notYours", await CodeAsync(notYours));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/workflow-instances/{instanceId}/withdraw") { Content = JsonContent.Create(new { comment = "企业改期签约" }) };
        request.Headers.Add("Idempotency-Key", $"withdraw-{instanceId:N}");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(request)).StatusCode);

        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Cancelled", instance!["status"]!.GetValue<string>());
        var entry = Assert.Single(instance["journal"]!.AsArray().OfType<JsonObject>(), j => j["kind"]!.GetValue<string>() == "InstanceWithdrawn");
        Assert.Equal("admin", entry["actor"]!.GetValue<string>());
        Assert.Equal("企业改期签约", entry["comment"]!.GetValue<string>());
        var task = await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");
        Assert.Equal("cancelled", task!["status"]!.GetValue<string>());

        // The squad that had the task hears it needs no more work, once.
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address.StartsWith("squad@", StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? "") is var s && (s.StartsWith("Run withdrawn", StringComparison.Ordinal) || s.StartsWith("流程已撤销", StringComparison.Ordinal))
            && (m.TextBody ?? "").Contains("Check 双汇食品", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("Check 双汇食品", mail.TextBody, StringComparison.Ordinal);

        // Again is a conflict: the run is over.
        var again = await admin.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/withdraw", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("instance.notRunning", await CodeAsync(again));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/workflow-instances/{Guid.NewGuid()}/withdraw", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().PostAsJsonAsync($"/api/workflow-instances/{instanceId}/withdraw", new { })).StatusCode);
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("note")]
    [InlineData("complete")]
    public async Task A_run_someone_else_has_worked_on_is_no_longer_withdrawn_and_stays_as_it_was(string work)
    {
        // Brief then permit: completing the brief leaves the run going, on to the permit.
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, $"withdraw-{work}", Support.Definitions.BriefThenPermit);
        var squad = await App.ClientForAsync("squad");
        var admin = await App.ClientForAsync("admin");
        var done = work switch
        {
            "claim" => await squad.PostAsync($"/api/tasks/{taskId}/claim", null),
            "note" => await squad.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "已联系企业" }),
            _ => await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } }),
        };
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());

        var refused = await admin.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/withdraw", new { comment = "晚了" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("instance.underWay", await CodeAsync(refused));
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Running", instance!["status"]!.GetValue<string>());
        Assert.DoesNotContain(instance["journal"]!.AsArray().OfType<JsonObject>(), j => j["kind"]!.GetValue<string>() == "InstanceWithdrawn");
    }
}
