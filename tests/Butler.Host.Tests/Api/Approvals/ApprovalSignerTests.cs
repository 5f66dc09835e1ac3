using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api.Approvals;

/// <summary>加签 / 减签 and 依次审批 over real HTTP, with the refusals.</summary>
public sealed class ApprovalSignerTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Publishes a one-approval definition for <paramref name="approvers"/> in <paramref name="mode"/>, starts it and returns the approval.</summary>
    private async Task<(Guid Instance, Guid Approval)> StartAsync(string mode, params string[] approvers)
    {
        var admin = await app.ClientForAsync("admin");
        var id = $"sign-{Guid.NewGuid():N}"[..24];
        var list = string.Join(", ", approvers.Select(a => $$"""{ "user": "{{a}}" }"""));
        var json = $$"""
            {
              "id": "{{id}}", "name": { "zh-CN": "会签", "en": "Countersign" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "sign", "type": "Approval", "inputs": { "title": "会签 {{id}}", "approvers": [ {{list}} ], "mode": "{{mode}}" } },
                { "id": "after", "type": "HumanTask", "inputs": { "title": "办理", "assignee": { "user": "squad" } } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "sign" },
                { "source": "sign", "outcome": "Approve", "target": "after" },
                { "source": "sign", "outcome": "Reject", "target": "end" },
                { "source": "after", "outcome": "Done", "target": "end" }
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var instance = (await (await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        // The first approver is always the demo leader, whom every approval here asks first.
        var pending = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200");
        var approval = pending!["items"]!.AsArray().OfType<JsonObject>().Single(a => a["instanceId"]!.GetValue<Guid>() == instance)["id"]!.GetValue<Guid>();
        return (instance, approval);
    }

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_leader_adds_a_second_leader_after_himself_and_the_run_moves_on_once_both_approved()
    {
        var second = await TestUsers.CreateAsync(app, "lead2", "Leader");
        var (instance, approval) = await StartAsync("any", "leader");
        var leader = await app.ClientForAsync("leader");
        var other = await app.ClientForAsync(second);

        var added = await OkAsync(await leader.PostAsJsonAsync($"/api/approvals/{approval}/signers", new { add = new[] { second }, position = "after", comment = "请王副区长把关" }));
        var signer = Assert.Single(added["signers"]!.AsArray())!;
        Assert.Equal((second, "after", "leader", "leader"), (signer["user"]!.GetValue<string>(), signer["position"]!.GetValue<string>(),
            signer["of"]!.GetValue<string>(), signer["addedBy"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, (await other.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve" })).StatusCode);

        var afterLeader = await OkAsync(await leader.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve", comment = "同意" }));
        Assert.Equal("pending", afterLeader["status"]!.GetValue<string>());
        Assert.Equal(second, Assert.Single(afterLeader["awaiting"]!.AsArray())!["user"]!.GetValue<string>());
        var inbox = await other.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending");
        Assert.Contains(inbox!["items"]!.AsArray(), a => a!["id"]!.GetValue<Guid>() == approval);

        var decided = await OkAsync(await other.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve" }));
        Assert.Equal(("decided", "Approve"), (decided["status"]!.GetValue<string>(), decided["outcome"]!.GetValue<string>()));
        var run = await (await app.ClientForAsync("admin")).GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instance}");
        Assert.Contains(run!["journal"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "SignersAdded" && e["comment"]!.GetValue<string>() == "请王副区长把关");
    }

    [Fact]
    public async Task Adding_signers_is_403_for_a_squad_member_400_for_bad_input_and_409_once_decided()
    {
        var (_, approval) = await StartAsync("any", "leader");
        var squad = await app.ClientForAsync("squad");
        var leader = await app.ClientForAsync("leader");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/approvals/{approval}/signers", new { add = new[] { "admin" }, position = "after" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.PostAsJsonAsync($"/api/approvals/{approval}/signers", new { add = new[] { "admin" }, position = "after" })).StatusCode);

        var bad = await leader.PostAsJsonAsync($"/api/approvals/{approval}/signers", new { add = new[] { "leader", "no-such-user" }, position = "up" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["add[0]", "add[1]", "position"], errors.Select(e => e.Key).Order());

        await OkAsync(await leader.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve" }));
        var late = await leader.PostAsJsonAsync($"/api/approvals/{approval}/signers", new { add = new[] { "admin" }, position = "parallel" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsJsonAsync($"/api/approvals/{Guid.NewGuid()}/signers", new { add = new[] { "admin" }, position = "after" })).StatusCode);
    }

    [Fact]
    public async Task Only_who_added_a_signer_or_an_admin_takes_them_off_and_the_votes_cast_then_decide()
    {
        var (_, approval) = await StartAsync("all", "leader");
        var leader = await app.ClientForAsync("leader");
        var squad = await app.ClientForAsync("squad");
        await OkAsync(await leader.PostAsJsonAsync($"/api/approvals/{approval}/signers", new { add = new[] { "squad" }, position = "parallel" }));
        await OkAsync(await leader.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await squad.DeleteAsync($"/api/approvals/{approval}/signers/squad")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.DeleteAsync($"/api/approvals/{approval}/signers/admin")).StatusCode);
        var removed = await OkAsync(await leader.DeleteAsync($"/api/approvals/{approval}/signers/squad"));

        Assert.Equal("decided", removed["status"]!.GetValue<string>());
        Assert.Empty(removed["signers"]!.AsArray());
    }

    [Fact]
    public async Task Sequential_approvals_reach_the_second_approver_only_after_the_first_and_out_of_turn_is_409_in_the_callers_language()
    {
        var second = await TestUsers.CreateAsync(app, "lead2", "Leader");
        var (_, approval) = await StartAsync("sequential", "leader", second);
        var other = await app.ClientForAsync(second);
        var leader = await app.ClientForAsync("leader");
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending"))!["items"]!.AsArray(), a => a!["id"]!.GetValue<Guid>() == approval);

        using var early = new HttpRequestMessage(HttpMethod.Post, $"/api/approvals/{approval}/decide") { Content = JsonContent.Create(new { outcome = "Approve" }) };
        early.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var refused = await other.SendAsync(early);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("approval.notYourTurn", problem["code"]!.GetValue<string>());
        Assert.Contains("尚未轮到您", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await OkAsync(await leader.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve" }));
        Assert.Contains((await other.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending"))!["items"]!.AsArray(), a => a!["id"]!.GetValue<Guid>() == approval);
    }
}
