using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// 加签 in Chinese on a phone: 王区长 adds 张书记 to sign after him, approves, and the approval waits for 张书记; once
/// 张书记 approves, the run moves on to the squad's task.
/// </summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ApprovalMoveTests(ButlerServer server)
{
    [Fact]
    public async Task A_leader_adds_a_signer_after_himself_a_second_leader_approves_and_the_run_moves_on()
    {
        // Digits only beside the Chinese: the language guard tours the same server and reads these approvals' mails.
        var title = $"审定园区配套资金 {Random.Shared.Next(10000, 99999)}";
        var (instanceId, approvalId) = await StartApprovalAsync(title);

        var leader = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(leader, "leader", Ui.Chinese, "/approvals");
        var card = leader.Locator($"[data-testid=approval-card][data-approval-id='{approvalId}']");
        await Expect(card.Locator(".approval-title")).ToContainTextAsync(title);
        await card.Locator("[data-testid=approval-add-signers]").ClickAsync();
        await card.Locator("[data-testid=approval-signers-to-add]").ClickAsync();
        await leader.GetByRole(AriaRole.Option, new() { Name = "张书记" }).ClickAsync();
        // A many-choice list stays open while one picks: a click beside it closes it.
        await card.Locator(".approval-title").ClickAsync();
        await Expect(leader.GetByRole(AriaRole.Option, new() { Name = "张书记" })).ToHaveCountAsync(0);
        await Expect(card.Locator("[data-testid=approval-signer-position]")).ToContainTextAsync("在我之后审批");
        await card.Locator($"#approval-signers-comment-{approvalId:N}").FillAsync("资金数额较大，请张书记把关");
        await Ui.ScreenshotAsync(leader, "approval-add-signer-zh-phone");
        await card.Locator("[data-testid=approval-signers-submit]").ClickAsync();
        await Expect(card.Locator("[data-testid=approval-signers]")).ToContainTextAsync("张书记（在王区长之后审批）");

        await card.Locator($"#approval-comment-{approvalId:N}").FillAsync("同意，报张书记审定");
        await card.Locator("[data-testid=approval-decide-Approve]").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await leader.Context.CloseAsync();

        using var api = await server.ApiClientAsync("leader");
        var waiting = await api.GetFromJsonAsync<JsonElement>($"/api/approvals/{approvalId}");
        Assert.Equal("pending", waiting.GetProperty("status").GetString());
        Assert.Equal("leader2", waiting.GetProperty("awaiting")[0].GetProperty("user").GetString());

        // 张书记 finds it on the approvals page, with who added him and why, and approves.
        var second = await server.NewPageAsync(phone: true);
        await Ui.SignInAsync(second, "leader2", Ui.Chinese, "/approvals");
        var theirs = second.Locator($"[data-testid=approval-card][data-approval-id='{approvalId}']");
        await Expect(theirs.Locator("[data-testid=approval-signers]")).ToContainTextAsync("王区长 加签");
        await Expect(theirs.Locator("[data-testid=approval-votes], .approval-votes")).ToContainTextAsync("王区长");
        await Ui.ScreenshotAsync(second, "approval-signer-decides-zh-phone");
        await theirs.Locator("[data-testid=approval-decide-Approve]").ClickAsync();
        await Expect(theirs).ToHaveCountAsync(0);
        await second.Context.CloseAsync();

        var decided = await api.GetFromJsonAsync<JsonElement>($"/api/approvals/{approvalId}");
        Assert.Equal(("decided", "Approve"), (decided.GetProperty("status").GetString(), decided.GetProperty("outcome").GetString()));
        using var admin = await server.ApiClientAsync("admin");
        var run = await admin.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{instanceId}");
        Assert.Contains(run.GetProperty("bookmarks").EnumerateArray(), b => b.GetProperty("activityId").GetString() == "fund");
    }

    /// <summary>A definition of its own: 王区长's approval, then the squad member's task.</summary>
    private async Task<(Guid Instance, Guid Approval)> StartApprovalAsync(string title)
    {
        using var admin = await server.ApiClientAsync("admin");
        var id = $"sign-{Guid.NewGuid():N}"[..24];
        var definition = $$"""
            {
              "id": "{{id}}",
              "name": { "zh-CN": "资金审定", "en": "Fund review" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "review", "type": "Approval", "inputs": {
                    "title": { "zh-CN": "{{title}}", "en": "Review the park funds" },
                    "approvers": [ { "user": "leader" } ] } },
                { "id": "fund", "type": "HumanTask", "inputs": {
                    "title": { "zh-CN": "拨付配套资金", "en": "Pay the funds" }, "assignee": { "user": "squad" } } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "review" },
                { "source": "review", "outcome": "Approve", "target": "fund" },
                { "source": "review", "outcome": "Reject", "target": "end" },
                { "source": "fund", "outcome": "Done", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(definition, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var leader = await server.ApiClientAsync("leader");
        var pending = await leader.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending&pageSize=200");
        var approvalId = pending.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("instanceId").GetGuid() == instanceId).GetProperty("id").GetGuid();
        return (instanceId, approvalId);
    }
}
