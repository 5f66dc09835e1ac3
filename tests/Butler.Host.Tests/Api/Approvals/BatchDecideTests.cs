using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api.Approvals;

/// <summary>批量审批 over real HTTP: each approval of a batch is decided on its own.</summary>
public sealed class BatchDecideTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Starts <paramref name="count"/> runs of a one-approval definition for the leader and returns their approvals.</summary>
    private async Task<List<Guid>> PendingApprovalsAsync(int count)
    {
        var admin = await app.ClientForAsync("admin");
        var id = $"batch-{Guid.NewGuid():N}"[..24];
        var json = $$"""
            {
              "id": "{{id}}", "name": { "zh-CN": "签批", "en": "Sign-off" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "sign", "type": "Approval", "inputs": { "title": "签批 {{id}}", "approvers": [ { "user": "leader" } ], "outcomes": ["Approve", "Reject"] } },
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
        var instances = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            instances.Add((await (await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        }
        var pending = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200");
        return [.. instances.Select(instance => pending!["items"]!.AsArray().OfType<JsonObject>().Single(a => a["instanceId"]!.GetValue<Guid>() == instance)["id"]!.GetValue<Guid>())];
    }

    [Fact]
    public async Task A_batch_with_a_stale_and_an_unknown_id_decides_the_others_and_names_each_refusal()
    {
        var approvals = await PendingApprovalsAsync(4);
        var leader = await app.ClientForAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/approvals/{approvals[3]}/decide", new { outcome = "Reject" })).StatusCode);
        var unknown = Guid.NewGuid();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/approvals/batch-decide")
        {
            Content = JsonContent.Create(new { ids = new[] { approvals[0], approvals[1], approvals[3], unknown, approvals[2], approvals[0] }, outcome = "Approve", comment = "同意，按程序办理" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var response = await leader.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal([approvals[0], approvals[1], approvals[3], unknown, approvals[2]], results.Select(r => r["id"]!.GetValue<Guid>()));
        Assert.Equal(["decided", "decided", "conflict", "notFound", "decided"], results.Select(r => r["status"]!.GetValue<string>()));
        Assert.Equal("approval.alreadyDecided", results[2]["error"]!["code"]!.GetValue<string>());
        Assert.Contains("已", results[2]["error"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("approval.notFound", results[3]["error"]!["code"]!.GetValue<string>());
        foreach (var id in new[] { approvals[0], approvals[1], approvals[2] })
        {
            var approval = await leader.GetFromJsonAsync<JsonObject>($"/api/approvals/{id}");
            Assert.Equal("Approve", approval!["outcome"]!.GetValue<string>());
            Assert.Equal("同意，按程序办理", Assert.Single(approval["votes"]!.AsArray())!["comment"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_batch_is_refused_whole_when_empty_too_long_or_for_an_outcome_that_needs_details_and_item_by_item_for_someone_who_is_no_approver()
    {
        var leader = await app.ClientForAsync("leader");
        async Task<string> FieldAsync(object body)
        {
            var response = await leader.PostAsJsonAsync("/api/approvals/batch-decide", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject()).Key;
        }

        Assert.Equal("ids", await FieldAsync(new { ids = Array.Empty<Guid>(), outcome = "Approve" }));
        Assert.Equal("ids", await FieldAsync(new { ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()).ToArray(), outcome = "Approve" }));
        Assert.Equal("outcome", await FieldAsync(new { ids = new[] { Guid.NewGuid() } }));
        Assert.Equal("outcome", await FieldAsync(new { ids = new[] { Guid.NewGuid() }, outcome = "Extend" }));

        var approvals = await PendingApprovalsAsync(2);
        var squad = await app.ClientForAsync("squad");
        var refused = await squad.PostAsJsonAsync("/api/approvals/batch-decide", new { ids = approvals, outcome = "Approve" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.All((await refused.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray(), r => Assert.Equal("forbidden", r!["status"]!.GetValue<string>()));
        foreach (var id in approvals)
        {
            Assert.Equal("pending", (await leader.GetFromJsonAsync<JsonObject>($"/api/approvals/{id}"))!["status"]!.GetValue<string>());
        }
    }
}
