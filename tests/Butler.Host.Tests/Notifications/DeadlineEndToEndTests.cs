using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Butler.Host.Tests.Notifications;

/// <summary>
/// Reminders, escalation and approvals through the real pipeline: Hangfire fires the timers, MailKit delivers to a
/// real SMTP server started by the test. These tests take real seconds, so they carry the Slow trait.
/// </summary>
[Trait("Category", "Slow")]
[Collection(HostsStartedAlone.Name)]
public sealed class DeadlineEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(5);
    private SmtpTestServer _smtp = null!;
    private ButlerApp _app = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartNewAsync();
        _app = new SqliteApp()
            .WithSmtp(_smtp);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>Start → HumanTask (Squad, due PT20S, reminder -PT10S, escalation PT0S to the leader with an approval) → End.</summary>
    private static string Definition(string id) => $$"""
        {
          "id": "{{id}}", "name": "Deadline end to end",
          "variables": [ { "name": "responsibleLeader", "default": "leader" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "permit", "type": "HumanTask", "inputs": {
                "title": "代办食品生产许可证", "assignee": { "role": "Squad" },
                "due": "PT20S", "reminders": [ "-PT10S" ],
                "escalation": [ { "after": "PT0S", "notify": [ "responsibleLeader" ], "approval": { } } ] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "permit" },
            { "source": "permit", "outcome": "Done", "target": "end" }
          ]
        }
        """;

    private static bool IsTo(MimeMessage m, string address) => m.To.Mailboxes.Any(b => b.Address == address);

    [Fact]
    public async Task A_reminder_and_an_escalation_arrive_on_time_and_extending_rearms_the_reminder()
    {
        var admin = await _app.ClientForAsync("admin");
        var leader = await _app.ClientForAsync("leader");
        var squad = await _app.ClientForAsync("squad");
        var id = "deadline-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(Definition(id), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var task = (await squad.GetFromJsonAsync<JsonObject>("/api/tasks?scope=mine"))!["items"]!.AsArray().OfType<JsonObject>()
            .Single(t => t["instanceId"]!.GetValue<Guid>() == instanceId);
        var due = task["due"]!.GetValue<DateTimeOffset>();
        Assert.Equal("green", task["light"]!.GetValue<string>());

        var reminder = await _smtp.WaitForAsync(m => IsTo(m, "squad@butler.example") && (m.Subject ?? "").Contains("任务即将到期", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.InRange(reminder.Date.ToUniversalTime() - due.AddSeconds(-10), TimeSpan.FromSeconds(-1), Allowed);
        Assert.Equal("yellow", (await squad.GetFromJsonAsync<JsonObject>($"/api/tasks/{task["id"]}"))!["light"]!.GetValue<string>());

        var escalation = await _smtp.WaitForAsync(m => IsTo(m, "leader@butler.example"), TimeSpan.FromSeconds(30));
        Assert.InRange(escalation.Date.ToUniversalTime() - due, TimeSpan.FromSeconds(-1), Allowed);
        Assert.Equal("red", (await squad.GetFromJsonAsync<JsonObject>($"/api/tasks/{task["id"]}"))!["light"]!.GetValue<string>());

        var approval = await WaitForApprovalAsync(leader, instanceId);
        Assert.Equal(task["id"]!.GetValue<Guid>(), approval["escalatedTask"]!["id"]!.GetValue<Guid>());
        Assert.Contains("Extend", approval["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));

        _smtp.Clear();
        var newDue = DateTimeOffset.UtcNow.AddSeconds(15);
        var decided = await leader.PostAsJsonAsync($"/api/approvals/{approval["id"]}/decide", new { outcome = "Extend", comment = "再给三天", newDue });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var extended = (await squad.GetFromJsonAsync<JsonObject>($"/api/tasks/{task["id"]}"))!;
        Assert.Equal(newDue.ToUnixTimeMilliseconds(), extended["due"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        Assert.NotEqual("red", extended["light"]!.GetValue<string>());

        var rearmed = await _smtp.WaitForAsync(m => IsTo(m, "squad@butler.example") && (m.Subject ?? "").Contains("任务即将到期", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.InRange(rearmed.Date.ToUniversalTime() - newDue.AddSeconds(-10), TimeSpan.FromSeconds(-1), Allowed);

        var again = await leader.PostAsJsonAsync($"/api/approvals/{approval["id"]}/decide", new { outcome = "Approve" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Mail_waits_in_the_outbox_while_the_smtp_server_is_down_and_goes_out_once_when_it_returns()
    {
        var admin = await _app.ClientForAsync("admin");
        var id = "outage-" + Guid.NewGuid().ToString("N")[..8];
        var definition = Definition(id).Replace("\"PT20S\"", "\"PT4S\"", StringComparison.Ordinal).Replace("\"-PT10S\"", "\"-PT2S\"", StringComparison.Ordinal);
        await admin.PostAsync("/api/workflow-definitions", new StringContent(definition, Encoding.UTF8, "application/json"));
        await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null);
        await _smtp.StopAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id })).StatusCode);
        }

        // 3 reminders to the squad member, 3 escalations and 3 approval requests to the leader: all fail while the server is down.
        var dbFactory = _app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Outbox.CountAsync(m => m.Attempts > 0 && m.Status == OutboxStatus.Pending) >= 9;
        }, TimeSpan.FromSeconds(60));
        Assert.Empty(_smtp.Messages);

        await _smtp.StartAsync();
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Outbox.CountAsync() >= 9 && await db.Outbox.AllAsync(m => m.Status == OutboxStatus.Sent);
        }, TimeSpan.FromSeconds(90));

        await using var check = await dbFactory.CreateDbContextAsync();
        var sent = await check.Outbox.CountAsync();
        Assert.Equal(sent, _smtp.Messages.Count);
        Assert.Equal(_smtp.Messages.Count, _smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(3, _smtp.Messages.Count(m => IsTo(m, "squad@butler.example")));
    }

    private static async Task<JsonObject> WaitForApprovalAsync(HttpClient leader, Guid instanceId)
    {
        JsonObject? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var list = await leader.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending");
            found = list!["items"]!.AsArray().OfType<JsonObject>().FirstOrDefault(a => a["instanceId"]!.GetValue<Guid>() == instanceId);
            return found is not null;
        }, TimeSpan.FromSeconds(30));
        return found!;
    }
}
