using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// 代理人 in Chinese: 李副区长 records today's trip, names 王芳 his proxy for it on his profile page, and 王芳 decides an
/// escalation that was his; the journal and the task's history say she did it for him.
/// </summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ProxyTests(ButlerServer server)
{
    private const string Leader = "leader3";
    private const string Proxy = "squad2";

    [Fact]
    public async Task A_leader_sets_a_proxy_for_his_trip_and_the_proxy_decides_an_escalation_for_him()
    {
        // Digits only beside the Chinese: the language guard tours the same server and reads this task's mails.
        var number = Random.Shared.Next(10000, 99999);
        var title = $"核对生物医药企业材料 {number}";
        using var leaderApi = await server.ApiClientAsync(Leader);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var place = $"深圳{number}";
        Assert.Equal(HttpStatusCode.Created, (await leaderApi.PostAsJsonAsync("/api/promotion-activities",
            new { kind = "trip", date = today, people = "李副区长、驻深圳分局", place })).StatusCode);
        try
        {
            var instanceId = await StartOverdueTaskAsync(title);

            // 李副区长 takes the days of his trip for a proxy on his profile page.
            var leader = await server.NewPageAsync(phone: true);
            await Ui.SignInAsync(leader, Leader, Ui.Chinese, "/profile");
            var section = leader.Locator("[data-testid=profile-proxy]");
            await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "为出差设置代理人" })).ToBeVisibleAsync();
            await section.Locator("[data-testid=profile-proxy-trip]").Filter(new() { HasText = place })
                .Locator("[data-testid=profile-proxy-use-trip]").ClickAsync();
            await section.Locator("[data-testid=profile-proxy-to]").ClickAsync();
            await leader.GetByRole(AriaRole.Option, new() { Name = "服务专班 王芳" }).ClickAsync();
            await Expect(section.Locator("#profile-proxy-comment")).ToHaveValueAsync($"赴{place}招商");
            await section.Locator("[data-testid=profile-proxy-save]").ClickAsync();
            await Expect(section.Locator("[data-testid=profile-proxy-current]")).ToContainTextAsync("服务专班 王芳");
            await Expect(section.Locator("[data-testid=profile-proxy-current]")).ToContainTextAsync("生效中");
            await section.GetByRole(AriaRole.Heading, new() { Name = "代理人", Exact = true }).ScrollIntoViewIfNeededAsync();
            await leader.EvaluateAsync("() => window.scrollBy(0, -60)");
            await Ui.ScreenshotAsync(leader, "profile-proxy-zh-phone");
            await leader.Context.CloseAsync();

            var proxy = await leaderApi.GetFromJsonAsync<JsonElement>("/api/me/proxy");
            Assert.Equal((Proxy, true), (proxy.GetProperty("to").GetString(), proxy.GetProperty("active").GetBoolean()));
            var approvalId = await PendingEscalationAsync(leaderApi, instanceId);

            // 王芳 finds his escalation on her approvals page, marked as decided for him, and calls an on-site office.
            var colleague = await server.NewPageAsync();
            await Ui.SignInAsync(colleague, Proxy, Ui.Chinese);
            await colleague.Locator("nav a[href='approvals']").ClickAsync();
            var card = colleague.Locator($"[data-testid=approval-card][data-approval-id='{approvalId}']");
            await Expect(card.Locator(".approval-title")).ToContainTextAsync(title);
            await Expect(card.Locator("[data-testid=approval-on-behalf]")).ToHaveTextAsync("代 李副区长 审批");
            await card.Locator($"#approval-comment-{approvalId:N}").FillAsync("李副区长出差期间代为决定：现场办公协调");
            await Ui.ScreenshotAsync(colleague, "approvals-proxy-zh");
            await card.Locator("[data-testid=approval-decide-OnSiteOffice]").ClickAsync();
            await Expect(card).ToHaveCountAsync(0);
            await colleague.Context.CloseAsync();

            var decided = await leaderApi.GetFromJsonAsync<JsonElement>($"/api/approvals/{approvalId}");
            Assert.Equal(("decided", "OnSiteOffice"), (decided.GetProperty("status").GetString(), decided.GetProperty("outcome").GetString()));
            var vote = decided.GetProperty("votes")[0];
            Assert.Equal((Leader, Proxy), (vote.GetProperty("approver").GetString(), vote.GetProperty("castBy").GetString()));

            // The task's history, as the leader reads it: 王芳 for 李副区长.
            var taskId = decided.GetProperty("escalatedTask").GetProperty("id").GetGuid();
            var history = await server.NewPageAsync();
            await Ui.SignInAsync(history, Leader, Ui.Chinese, $"/tasks/{taskId}");
            await Expect(history.Locator("[data-testid=task-history] .history-actor").Filter(new() { HasText = "代" }).First)
                .ToHaveTextAsync("服务专班 王芳 代 李副区长");
            await history.Context.CloseAsync();

            // On a desktop the profile shows whom 王芳 stands in for.
            var desk = await server.NewPageAsync();
            await Ui.SignInAsync(desk, Proxy, Ui.Chinese, "/profile");
            await Expect(desk.Locator("[data-testid=profile-proxy-standing-in]")).ToContainTextAsync("李副区长");
            await desk.Locator("[data-testid=profile-proxy]").ScrollIntoViewIfNeededAsync();
            await Ui.ScreenshotAsync(desk, "profile-proxy-zh");
            await desk.Context.CloseAsync();
        }
        finally
        {
            await leaderApi.DeleteAsync("/api/me/proxy");
        }
    }

    /// <summary>A run whose one task (the biomedicine squad's) is due at once and escalates to 李副区长 by name.</summary>
    private async Task<Guid> StartOverdueTaskAsync(string title)
    {
        using var admin = await server.ApiClientAsync("admin");
        var id = $"proxy-e2e-{Guid.NewGuid():N}"[..28];
        var definition = $$"""
            {
              "id": "{{id}}", "name": { "zh-CN": "代理人演示", "en": "Proxy demonstration" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "check", "type": "HumanTask", "inputs": {
                    "title": { "zh-CN": "{{title}}", "en": "Check the biomedicine company's papers" },
                    "assignee": { "user": "squad3" }, "outcomes": ["Done"], "due": "PT1S",
                    "escalation": [ { "after": "PT0S", "approval": { "approvers": [ { "user": "{{Leader}}" } ],
                      "outcomes": ["Extend", "Reassign", "OnSiteOffice"], "due": "1wd" } } ] } },
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
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The escalation of the run's task, once the scheduler has fired its deadline.</summary>
    private async Task<Guid> PendingEscalationAsync(HttpClient api, Guid instanceId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            var page = await api.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending&pageSize=200");
            foreach (var approval in page.GetProperty("items").EnumerateArray())
            {
                if (approval.GetProperty("instanceId").GetGuid() == instanceId)
                {
                    return approval.GetProperty("id").GetGuid();
                }
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The escalation did not reach {Leader} within 90 s.\n{server.HostLog}");
            await Task.Delay(500);
        }
    }
}
