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
                    "title": { "zh-CN": "{{title}}", "en": "Check the site papers" },
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
        // Digits only beside the Chinese: the language guard tours the same server and reads these tasks' mails.
        var title = $"核查企业用地材料 {Random.Shared.Next(10000, 99999)}";
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

    [Fact]
    public async Task A_squad_member_copies_a_task_to_the_leader_who_reads_it_from_the_copies_tab_and_cannot_act_on_it()
    {
        var title = $"核查企业环评材料 {Random.Shared.Next(10000, 99999)}";
        var taskId = await OpenTaskForSquadAsync(title);

        // 李明 copies the task to 王区长, who should know of it, with a word.
        var owner = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(owner, "squad", Ui.Chinese, $"/tasks/{taskId}");
        await owner.Locator("[data-testid=task-cc]").ClickAsync();
        await owner.Locator("[data-testid=task-move-confirm]").ClickAsync();
        await Expect(owner.Locator("[data-testid=task-move-panel]")).ToContainTextAsync("请至少选择一位同事或一个专班。");
        await owner.Locator("[data-testid=task-cc-to]").ClickAsync();
        await owner.GetByRole(AriaRole.Option, new() { Name = "王区长" }).ClickAsync();
        // A many-choice list stays open while one picks: a click beside it closes it.
        await owner.Locator("[data-testid=task-title]").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Option, new() { Name = "王区长" })).ToHaveCountAsync(0);
        await owner.Locator("#task-move-comment").FillAsync("环评材料涉及重点项目，请领导知悉");
        await Ui.ScreenshotAsync(owner, "task-cc-zh-phone");
        await owner.Locator("[data-testid=task-move-confirm]").ClickAsync();
        await Expect(owner.Locator("[data-testid=task-history]")).ToContainTextAsync("抄送");
        await Expect(owner.Locator("[data-testid=task-history]")).ToContainTextAsync("王区长");
        await owner.Context.CloseAsync();

        // 王区长 finds it unread under 抄送我的 and opens it: read only, saying who copied it and why.
        var leader = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(leader, "leader", Ui.Chinese);
        await leader.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^抄送我的") }).ClickAsync();
        var row = leader.Locator("[data-testid=copy-row]").Filter(new() { HasText = title });
        await Expect(row).ToHaveAttributeAsync("data-status", "unread");
        await Expect(row).ToContainTextAsync("服务专班 李明 抄送");
        await Ui.ScreenshotAsync(leader, "inbox-cc-zh-phone");
        await row.ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/tasks/{taskId}$"));
        await Expect(leader.Locator("[data-testid=task-copied]")).ToContainTextAsync("服务专班 李明");
        await Expect(leader.Locator("[data-testid=task-copied]")).ToContainTextAsync("环评材料涉及重点项目，请领导知悉");
        await Expect(leader.Locator("[data-testid=task-outcome-Done]")).ToBeDisabledAsync();
        await leader.Context.CloseAsync();

        using var api = await server.ApiClientAsync("leader");
        var copies = await api.GetFromJsonAsync<JsonElement>("/api/cc?status=read&pageSize=200");
        var copy = copies.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("taskId").GetGuid() == taskId);
        Assert.Equal("squad", copy.GetProperty("copiedBy").GetString());
        await server.Smtp.WaitForAsync(m => m.Subject?.StartsWith("抄送给您", StringComparison.Ordinal) == true && m.Subject.Contains(title, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }

    /// <summary>A brief for 李明 (squad) with a required amount, then a permit for 王芳 (squad2).</summary>
    private async Task<(Guid BriefId, Guid InstanceId)> StartBriefThenPermitAsync(string company)
    {
        using var admin = await server.ApiClientAsync("admin");
        var id = $"sendback-{Guid.NewGuid():N}"[..24];
        var definition = $$"""
            {
              "id": "{{id}}",
              "name": { "zh-CN": "退回演练", "en": "Send-back drill" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "brief", "type": "HumanTask", "name": { "zh-CN": "政策宣讲", "en": "Policy briefing" }, "inputs": {
                    "title": { "zh-CN": "政策宣讲：{{company}}", "en": "Policy briefing (send-back drill)" }, "assignee": { "user": "squad" }, "outcomes": ["Done"],
                    "fields": [ { "name": "amount", "label": { "zh-CN": "投资额（亿元）", "en": "Investment" }, "type": "number", "required": true } ] } },
                { "id": "permit", "type": "HumanTask", "name": { "zh-CN": "代办许可", "en": "Permit" }, "inputs": {
                    "title": { "zh-CN": "代办许可：{{company}}", "en": "Permit (send-back drill)" }, "assignee": { "user": "squad2" }, "outcomes": ["Done"] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "brief" },
                { "source": "brief", "outcome": "Done", "target": "permit" },
                { "source": "permit", "outcome": "Done", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(definition, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id, input = new { company } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (await OpenTaskOfAsync("squad", instanceId, "brief"), instanceId);
    }

    private async Task<Guid> OpenTaskOfAsync(string user, Guid instanceId, string activityId)
    {
        using var api = await server.ApiClientAsync(user);
        var inbox = await api.GetFromJsonAsync<JsonElement>("/api/tasks?pageSize=200");
        return inbox.GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("instanceId").GetGuid() == instanceId && t.GetProperty("activityId").GetString() == activityId).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_permit_is_sent_back_to_the_briefing_its_author_fixes_it_and_later_withdraws_it_from_the_done_tab()
    {
        var company = $"漯河退回演练 {Random.Shared.Next(10000, 99999)}";
        var (briefId, instanceId) = await StartBriefThenPermitAsync(company);
        using (var squadApi = await server.ApiClientAsync("squad"))
        {
            Assert.Equal(HttpStatusCode.OK, (await squadApi.PostAsJsonAsync($"/api/tasks/{briefId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
        }
        var permitId = await OpenTaskOfAsync("squad2", instanceId, "permit");

        // 王芳 finds the amount wrong and sends the permit back to the briefing, saying why.
        var permitter = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(permitter, "squad2", Ui.Chinese, $"/tasks/{permitId}");
        await permitter.Locator("[data-testid=task-return]").ClickAsync();
        await permitter.Locator("[data-testid=task-move-confirm]").ClickAsync();
        await Expect(permitter.Locator("[data-testid=task-move-panel]")).ToContainTextAsync("请选择退回到哪一步。");
        await permitter.Locator("[data-testid=task-return-to]").ClickAsync();
        await permitter.GetByRole(AriaRole.Option, new() { Name = "政策宣讲" }).ClickAsync();
        await permitter.Locator("[data-testid=task-move-confirm]").ClickAsync();
        await Expect(permitter.Locator("[data-testid=task-move-panel]")).ToContainTextAsync("请说明退回原因。");
        await permitter.Locator("#task-move-comment").FillAsync("投资额应为 30 亿元，请核实");
        await Ui.ScreenshotAsync(permitter, "task-return-zh-phone");
        await permitter.Locator("[data-testid=task-move-confirm]").ClickAsync();
        await Expect(permitter).ToHaveURLAsync(new Regex("/tasks$"));
        await permitter.Context.CloseAsync();

        // 李明 has the briefing again, with the amount he gave; he corrects it and completes it.
        var author = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(author, "squad", Ui.Chinese);
        await author.Locator("[data-testid=task-row]").Filter(new() { HasText = "政策宣讲：" + company }).ClickAsync();
        await Expect(author.Locator("#task-field-amount")).ToHaveValueAsync("3");
        await Expect(author.Locator("[data-testid=task-history]")).ToContainTextAsync("退回");
        await Expect(author.Locator("[data-testid=task-history]")).ToContainTextAsync("投资额应为 30 亿元，请核实");
        await author.Locator("#task-field-amount").FillAsync("30");
        await author.Locator("[data-testid=task-outcome-Done]").ClickAsync();
        await Expect(author).ToHaveURLAsync(new Regex("/tasks$"));

        // Nobody has touched the new permit yet: from 已办 he takes the briefing back once more.
        await author.GetByRole(AriaRole.Tab, new() { Name = "已办" }).ClickAsync();
        var done = author.Locator("[data-testid=task-row]").Filter(new() { HasText = "政策宣讲：" + company });
        await Expect(done).ToHaveCountAsync(2);
        await Expect(done.First).ToContainTextAsync("办结");
        await done.First.ClickAsync();
        await author.Locator("[data-testid=task-withdraw]").ClickAsync();
        await Expect(author).ToHaveURLAsync(new Regex("/tasks$"));
        await author.Context.CloseAsync();

        using var api = await server.ApiClientAsync("squad");
        var briefAgain = await OpenTaskOfAsync("squad", instanceId, "brief");
        var task = await api.GetFromJsonAsync<JsonElement>($"/api/tasks/{briefAgain}");
        Assert.Equal(30, task.GetProperty("values").GetProperty("amount").GetInt32());
        using var permitApi = await server.ApiClientAsync("squad2");
        var returned = await permitApi.GetFromJsonAsync<JsonElement>($"/api/tasks/{permitId}");
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        Assert.Equal("投资额应为 30 亿元，请核实", returned.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task A_leader_selects_three_approvals_and_decides_them_at_once()
    {
        using var admin = await server.ApiClientAsync("admin");
        var id = $"batch-{Guid.NewGuid():N}"[..24];
        var number = Random.Shared.Next(10000, 99999);
        var definition = $$"""
            {
              "id": "{{id}}", "name": { "zh-CN": "用地签批", "en": "Land sign-off" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "sign", "type": "Approval", "inputs": {
                    "title": { "zh-CN": "用地签批 {{number}}", "en": "Land sign-off {{number}}" }, "approvers": [ { "user": "leader" } ], "outcomes": ["Approve", "Reject"] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "sign" },
                { "source": "sign", "outcome": "Approve", "target": "end" },
                { "source": "sign", "outcome": "Reject", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(definition, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var instances = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
            instances.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        using var leaderApi = await server.ApiClientAsync("leader");
        var pending = await leaderApi.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending&pageSize=200");
        var approvals = pending.GetProperty("items").EnumerateArray().Where(a => instances.Contains(a.GetProperty("instanceId").GetGuid()))
            .Select(a => a.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(3, approvals.Count);

        var leader = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(leader, "leader", Ui.Chinese, "/approvals");
        foreach (var approval in approvals)
        {
            await leader.Locator($"[data-testid=approval-select][data-approval-id='{approval}']").CheckAsync();
        }
        await Expect(leader.Locator("[data-testid=approval-selected-count]")).ToHaveTextAsync("已选 3 项");
        await leader.Locator("#approval-batch-comment").FillAsync("同意，按程序办理");
        await Ui.ScreenshotAsync(leader, "approvals-batch-zh-phone");
        await leader.Locator("[data-testid=approval-batch-Approve]").ClickAsync();
        foreach (var approval in approvals)
        {
            await Expect(leader.Locator($"[data-testid=approval-select][data-approval-id='{approval}']")).ToHaveCountAsync(0);
        }
        await leader.Context.CloseAsync();

        foreach (var approval in approvals)
        {
            var decided = await leaderApi.GetFromJsonAsync<JsonElement>($"/api/approvals/{approval}");
            Assert.Equal("Approve", decided.GetProperty("outcome").GetString());
            Assert.Equal("同意，按程序办理", decided.GetProperty("votes")[0].GetProperty("comment").GetString());
        }
    }
}
