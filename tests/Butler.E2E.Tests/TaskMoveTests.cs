using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// The moves on a task in Chinese on a phone: a squad member delegates a task to a colleague (委派), who fills it in and
/// sends it back; a leader urges it (催办); the squad member completes it with the colleague's work already in the form.
/// </summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class TaskMoveTests(ButlerServer server)
{
    /// <summary>A definition of its own: one task for the demo squad member with one required text field.</summary>
    private async Task<Guid> OpenTaskForSquadAsync(string title)
    {
        using var admin = await server.ApiClientAsync("admin");
        var id = $"moves-{Guid.NewGuid():N}"[..24];
        var definition = $$"""
            {
              "id": "{{id}}",
              "name": { "zh-CN": "委派演练", "en": "Delegation drill" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "check", "type": "HumanTask", "inputs": {
                    "title": { "zh-CN": "{{title}}", "en": "{{title}}" },
                    "assignee": { "user": "squad" },
                    "outcomes": ["Done"],
                    "fields": [ { "name": "finding", "label": { "zh-CN": "核查结论", "en": "Finding" }, "type": "text", "required": true } ] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "check" },
                { "source": "check", "outcome": "Done", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(definition, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var squad = await server.ApiClientAsync("squad");
        var inbox = await squad.GetFromJsonAsync<JsonElement>("/api/tasks?pageSize=200");
        return inbox.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("instanceId").GetGuid() == instanceId).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_squad_member_delegates_a_task_the_colleague_sends_it_back_a_leader_urges_and_the_owner_completes_it()
    {
        var title = $"核查企业用地材料 {Guid.NewGuid():N}"[..16];
        var taskId = await OpenTaskForSquadAsync(title);

        // 李明 delegates it to 王芳 with a word on what to do.
        var owner = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(owner, "squad", Ui.Chinese, $"/tasks/{taskId}");
        await Expect(owner.Locator("[data-testid=task-title]")).ToHaveTextAsync(title);
        await owner.Locator("[data-testid=task-delegate]").ClickAsync();
        await owner.Locator("[data-testid=task-move-to]").ClickAsync();
        await owner.GetByRole(AriaRole.Option, new() { Name = "服务专班 王芳" }).ClickAsync();
        await owner.Locator("#task-move-comment").FillAsync("请到现场核对用地红线");
        await owner.Locator("[data-testid=task-move-confirm]").ClickAsync();
        await Expect(owner.Locator("[data-testid=task-delegated]")).ToContainTextAsync("已委派给 服务专班 王芳");
        await Expect(owner.Locator("[data-testid=task-outcome-Done]")).ToBeDisabledAsync();
        await Expect(owner.Locator("[data-testid=task-history]")).ToContainTextAsync("委派");
        await Ui.ScreenshotAsync(owner, "task-delegated-zh-phone");

        // 王芳 finds it in her inbox, fills in the finding and sends it back.
        var colleague = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(colleague, "squad2", Ui.Chinese);
        await colleague.Locator("[data-testid=task-row]").Filter(new() { HasText = title }).ClickAsync();
        await Expect(colleague.Locator("[data-testid=task-resolve]")).ToContainTextAsync("受 服务专班 李明 委派办理");
        await Expect(colleague.Locator("[data-testid=task-outcome-Done]")).ToHaveCountAsync(0);
        await colleague.Locator("#task-field-finding").FillAsync("红线与规划一致");
        await colleague.Locator("#task-comment").FillAsync("已现场核对");
        await colleague.Locator("[data-testid=task-submit]").ClickAsync();
        await Expect(colleague).ToHaveURLAsync(new Regex("/tasks$"));
        await colleague.Context.CloseAsync();

        // The leader urges it from the task page and sees it counted.
        var leader = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(leader, "leader", Ui.Chinese, $"/tasks/{taskId}");
        await leader.Locator("[data-testid=task-urge]").ClickAsync();
        await leader.Locator("#task-move-comment").FillAsync("企业明天到场，请今天办结");
        await leader.Locator("[data-testid=task-move-confirm]").ClickAsync();
        await Expect(leader.Locator("[data-testid=task-urged]")).ToContainTextAsync("已催办 1 次");
        await leader.Context.CloseAsync();

        // 李明 finds her work in the form and completes the task.
        await Ui.GotoAsync(owner, $"/tasks/{taskId}");
        await Expect(owner.Locator("[data-testid=task-draft]")).ToBeVisibleAsync();
        await Expect(owner.Locator("#task-field-finding")).ToHaveValueAsync("红线与规划一致");
        await Expect(owner.Locator("[data-testid=task-history]")).ToContainTextAsync("催办");
        await owner.Locator("[data-testid=task-outcome-Done]").ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/tasks$"));
        await owner.Context.CloseAsync();

        using var api = await server.ApiClientAsync("squad");
        var task = await api.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.Equal("done", task.GetProperty("status").GetString());
        Assert.Equal("squad", task.GetProperty("completedBy").GetString());
        Assert.Equal("红线与规划一致", task.GetProperty("values").GetProperty("finding").GetString());
        Assert.Equal(1, task.GetProperty("urgeCount").GetInt32());

        // Each person heard of what concerned them, in their language.
        await server.Smtp.WaitForAsync(m => m.Subject?.StartsWith("任务委派给您", StringComparison.Ordinal) == true && m.Subject.Contains(title, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await server.Smtp.WaitForAsync(m => m.Subject?.StartsWith("委派的任务已交回", StringComparison.Ordinal) == true && m.Subject.Contains(title, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await server.Smtp.WaitForAsync(m => m.Subject?.StartsWith("催办", StringComparison.Ordinal) == true && m.Subject.Contains(title, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }
}
