using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Sandbox;

/// <summary>The real host with a real SMTP server, for test runs that must reach neither of them.</summary>
public sealed class SandboxAppFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = null!;
    public ButlerApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartNewAsync();
        App = new SqliteApp()
            .WithSmtp(Smtp);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Test runs of draft definitions over HTTP: stepped through to the end, sending nothing, storing nothing for real.</summary>
public sealed class SandboxApiTests(SandboxAppFixture fixture) : IClassFixture<SandboxAppFixture>
{
    private ButlerApp App => fixture.App;

    /// <summary>Start → HumanTask (Squad, due 3wd, reminder -1wd, escalation at due and a working day later with an approval) → Approval (leader) → End.</summary>
    private static JsonObject Definition(string id) => JsonNode.Parse($$$"""
        {
          "id": "{{{id}}}", "name": "Sandbox scenario",
          "variables": [ { "name": "responsibleLeader", "default": "leader" }, { "name": "company", "default": "ACME" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "permit", "type": "HumanTask", "inputs": {
                "title": "代办许可证 {{company}}", "assignee": { "role": "Squad" },
                "outcomes": [ "Done", "Blocked" ],
                "due": "3wd", "reminders": [ "-1wd" ],
                "escalation": [
                  { "after": "PT0S", "notify": [ "assignee", "responsibleLeader" ] },
                  { "after": "1wd", "notify": [ "responsibleLeader" ], "approval": { } } ] } },
            { "id": "sign", "type": "Approval", "inputs": { "title": "签字", "approvers": [ { "user": "leader" } ] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "permit" },
            { "source": "permit", "outcome": "Done", "target": "sign" },
            { "source": "permit", "outcome": "Blocked", "target": "end" },
            { "source": "sign", "outcome": "Approve", "target": "end" },
            { "source": "sign", "outcome": "Reject", "target": "end" }
          ]
        }
        """)!.AsObject();

    private static string NewId() => "sandbox-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonObject> StateOf(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
    }

    private static IEnumerable<JsonObject> Items(JsonObject state, string list) => state[list]!.AsArray().OfType<JsonObject>();

    private static JsonObject Timer(JsonObject state, string kind, int step = 0) =>
        Items(state, "timers").Single(t => t["kind"]!.GetValue<string>() == kind && t["step"]!.GetValue<int>() == step);

    private sealed record RealCounts(int Definitions, int Instances, int Tasks, int Approvals, int Timers, int Outbox, int Notifications, int Journal);

    private async Task<RealCounts> CountRealRowsAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
        return new RealCounts(await db.DefinitionVersions.CountAsync(), await db.Instances.CountAsync(), await db.WorkItems.CountAsync(),
            await db.Approvals.CountAsync(), await db.Timers.CountAsync(), await db.Outbox.CountAsync(), await db.Notifications.CountAsync(),
            await db.Journal.CountAsync());
    }

    [Fact]
    public async Task A_draft_is_stepped_through_to_its_end_holding_its_mail_and_leaving_the_real_database_and_smtp_untouched()
    {
        var admin = await App.ClientForAsync("admin");
        var before = await CountRealRowsAsync();
        var id = NewId();

        var state = await StateOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition = Definition(id), input = new { company = "星辰科技" } }), HttpStatusCode.Created);
        var sandbox = $"/api/sandbox/{state["id"]}";
        Assert.Equal("running", state["status"]!.GetValue<string>());
        Assert.Equal("星辰科技", state["variables"]!["company"]!.GetValue<string>());
        Assert.Equal(["permit"], state["activeActivityIds"]!.AsArray().Select(a => a!.GetValue<string>()));
        var task = Items(state, "tasks").Single();
        Assert.Equal("permit", task["activityId"]!.GetValue<string>());
        Assert.Equal("代办许可证 星辰科技", task["title"]!.GetValue<string>());
        Assert.Equal("Squad", task["assigneeRole"]!.GetValue<string>());
        Assert.Equal(["Done", "Blocked"], task["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        var due = task["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(3, state["timers"]!.AsArray().Count);
        Assert.True(Timer(state, "reminder")["dueAt"]!.GetValue<DateTimeOffset>() < due);
        Assert.Equal(due, Timer(state, "escalation")["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Empty(state["heldMails"]!.AsArray());
        var read = await StateOf(await admin.GetAsync(sandbox));
        Assert.True(JsonNode.DeepEquals(state["tasks"], read["tasks"]) && JsonNode.DeepEquals(state["timers"], read["timers"]));

        var reminderTimer = Timer(state, "reminder")["id"]!.GetValue<Guid>();
        state = await StateOf(await admin.PostAsync($"{sandbox}/timers/{reminderTimer}/fire", null));
        Assert.Contains(Items(state, "journal"), j => j["kind"]!.GetValue<string>() == "reminderSent" && j["activityId"]!.GetValue<string>() == "permit");
        var reminder = Assert.Single(Items(state, "heldMails"));
        Assert.Equal("squad@butler.example", reminder["to"]!.GetValue<string>());
        Assert.Contains("任务即将到期", reminder["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(state["now"]!.GetValue<DateTimeOffset>() < due);
        Assert.Equal(2, state["timers"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{sandbox}/timers/{reminderTimer}/fire", null)).StatusCode);

        state = await StateOf(await admin.PostAsync($"{sandbox}/timers/{Timer(state, "escalation")["id"]}/fire", null));
        Assert.True(state["now"]!.GetValue<DateTimeOffset>() >= due);
        Assert.Contains(Items(state, "journal"), j => j["kind"]!.GetValue<string>() == "escalated");
        Assert.Contains(Items(state, "heldMails"), m => m["to"]!.GetValue<string>() == "leader@butler.example");
        Assert.Equal(1, Items(state, "tasks").Single()["escalationLevel"]!.GetValue<int>());

        var wrong = await ErrorsOf(await admin.PostAsJsonAsync($"{sandbox}/tasks/{task["id"]}/complete", new { outcome = "Maybe" }));
        Assert.Contains("outcome", wrong.Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"{sandbox}/tasks/{Guid.NewGuid()}/complete", new { outcome = "Done" })).StatusCode);

        state = await StateOf(await admin.PostAsJsonAsync($"{sandbox}/tasks/{task["id"]}/complete", new { outcome = "Done", comment = "办好了" }));
        Assert.Empty(state["tasks"]!.AsArray());
        Assert.Empty(state["timers"]!.AsArray());
        Assert.Equal(["sign"], state["activeActivityIds"]!.AsArray().Select(a => a!.GetValue<string>()));
        var approval = Items(state, "approvals").Single();
        Assert.Equal(["leader"], approval["approvers"]!.AsArray().Select(a => a!.GetValue<string>()));

        Assert.Contains("outcome", (await ErrorsOf(await admin.PostAsJsonAsync($"{sandbox}/approvals/{approval["id"]}/decide", new { outcome = "Perhaps" }))).Select(e => e.Key));
        state = await StateOf(await admin.PostAsJsonAsync($"{sandbox}/approvals/{approval["id"]}/decide", new { outcome = "Approve", comment = "同意" }));
        Assert.Equal("completed", state["status"]!.GetValue<string>());
        Assert.Empty(state["activeActivityIds"]!.AsArray());
        Assert.Contains(Items(state, "journal"), j => j["kind"]!.GetValue<string>() == "approvalDecided" && j["outcome"]!.GetValue<string>() == "Approve");
        Assert.Contains(Items(state, "journal"), j => j["kind"]!.GetValue<string>() == "instanceCompleted");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"{sandbox}/approvals/{approval["id"]}/decide", new { outcome = "Approve" })).StatusCode);

        // Nothing reached the real database, and nothing was sent: the host's outbox never had a row to deliver.
        Assert.Equal(before, await CountRealRowsAsync());
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.DefinitionVersions.AnyAsync(v => v.DefinitionId == id));
        }
        Assert.Empty(fixture.Smtp.Messages);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(sandbox)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(sandbox)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(sandbox)).StatusCode);
    }

    [Fact]
    public async Task A_cc_input_is_tried_in_the_test_run_as_a_held_copy_mail_and_the_journal_entry()
    {
        var admin = await App.ClientForAsync("admin");
        var definition = Definition(NewId());
        definition["activities"]![1]!["inputs"]!["cc"] = JsonNode.Parse("""[ { "user": "leader" } ]""");

        var state = await StateOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition, input = new { company = "星辰科技" } }), HttpStatusCode.Created);
        var task = Items(state, "tasks").Single();
        state = await StateOf(await admin.PostAsJsonAsync($"/api/sandbox/{state["id"]}/tasks/{task["id"]}/complete", new { outcome = "Done" }));

        Assert.Contains(Items(state, "journal"), j => j["kind"]!.GetValue<string>() == "copied" && j["activityId"]!.GetValue<string>() == "permit");
        var copy = Assert.Single(Items(state, "heldMails"), m => m["subject"]!.GetValue<string>().StartsWith("抄送给您", StringComparison.Ordinal));
        Assert.Equal("leader@butler.example", copy["to"]!.GetValue<string>());
        Assert.Empty(fixture.Smtp.Messages);
    }

    [Fact]
    public async Task A_sequential_approval_and_a_timeout_action_run_in_the_test_run()
    {
        var admin = await App.ClientForAsync("admin");
        var definition = Definition(NewId());
        definition["activities"]![1]!["inputs"]!["escalation"] = JsonNode.Parse("""[ { "after": "PT0S", "action": { "outcome": "Done" } } ]""");
        definition["activities"]![2]!["inputs"]!["approvers"] = JsonNode.Parse("""[ { "user": "leader" }, { "user": "admin" } ]""");
        definition["activities"]![2]!["inputs"]!["mode"] = "sequential";
        var state = await StateOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition }), HttpStatusCode.Created);
        var sandbox = $"/api/sandbox/{state["id"]}";

        state = await StateOf(await admin.PostAsync($"{sandbox}/timers/{Timer(state, "escalation")["id"]}/fire", null));
        Assert.Contains(Items(state, "journal"), j => j["kind"]!.GetValue<string>() == "timedOutAction");
        var approval = Items(state, "approvals").Single();
        state = await StateOf(await admin.PostAsJsonAsync($"{sandbox}/approvals/{approval["id"]}/decide", new { outcome = "Approve" }));

        Assert.Equal(2, Items(state, "journal").Count(j => j["kind"]!.GetValue<string>() == "approvalVoted"));
        Assert.Equal("completed", state["status"]!.GetValue<string>());
        await admin.DeleteAsync(sandbox);
    }

    [Fact]
    public async Task A_later_escalation_fired_first_opens_its_approval_and_deciding_extend_rearms_the_task()
    {
        var admin = await App.ClientForAsync("admin");
        var state = await StateOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition = Definition(NewId()) }), HttpStatusCode.Created);
        var sandbox = $"/api/sandbox/{state["id"]}";

        state = await StateOf(await admin.PostAsync($"{sandbox}/timers/{Timer(state, "escalation", 1)["id"]}/fire", null));
        var approval = Items(state, "approvals").Single();
        Assert.Equal(Items(state, "tasks").Single()["id"]!.GetValue<Guid>(), approval["escalatedTaskId"]!.GetValue<Guid>());
        Assert.True(Timer(state, "escalation")["isDue"]!.GetValue<bool>());

        Assert.Contains("newDue", (await ErrorsOf(await admin.PostAsJsonAsync($"{sandbox}/approvals/{approval["id"]}/decide", new { outcome = "Extend" }))).Select(e => e.Key));
        var newDue = state["now"]!.GetValue<DateTimeOffset>().AddDays(10);
        state = await StateOf(await admin.PostAsJsonAsync($"{sandbox}/approvals/{approval["id"]}/decide", new { outcome = "Extend", newDue }));
        Assert.Empty(state["approvals"]!.AsArray());
        Assert.Equal(newDue, Items(state, "tasks").Single()["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(Items(state, "journal"), j => j["kind"]!.GetValue<string>() == "taskExtended");
        await admin.DeleteAsync(sandbox);
    }

    [Fact]
    public async Task Another_admins_test_run_does_not_exist_for_you()
    {
        var admin = await App.ClientForAsync("admin");
        var state = await StateOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition = Definition(NewId()) }), HttpStatusCode.Created);
        var other = await App.ClientForAsync(await TestUsers.CreateAsync(App, "admin", "Admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/sandbox/{state["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/sandbox/{state["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/sandbox/{state["id"]}")).StatusCode);
        await admin.DeleteAsync($"/api/sandbox/{state["id"]}");
    }

    [Fact]
    public async Task An_invalid_draft_or_input_is_400_naming_the_path_and_starts_nothing()
    {
        var admin = await App.ClientForAsync("admin");
        var broken = Definition(NewId());
        broken["activities"]![1]!["inputs"]!["due"] = "three days";
        var errors = await ErrorsOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition = broken }));
        Assert.Contains("definition.activities[1].inputs.due", errors.Select(e => e.Key));

        Assert.Contains("definition", (await ErrorsOf(await admin.PostAsJsonAsync("/api/sandbox", new { input = new { } }))).Select(e => e.Key));
        Assert.Contains("input", (await ErrorsOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition = Definition(NewId()), input = new[] { 1 } }))).Select(e => e.Key));
        Assert.Contains("input.nosuch", (await ErrorsOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition = Definition(NewId()), input = new { nosuch = 1 } }))).Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/sandbox", new StringContent("{\"definition\": ", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/sandbox/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/sandbox/{Guid.NewGuid()}/timers/{Guid.NewGuid()}/fire", null)).StatusCode);
    }

    [Fact]
    public async Task Unknown_tasks_approvals_and_timers_of_a_run_are_404()
    {
        var admin = await App.ClientForAsync("admin");
        var state = await StateOf(await admin.PostAsJsonAsync("/api/sandbox", new { definition = Definition(NewId()) }), HttpStatusCode.Created);
        var sandbox = $"/api/sandbox/{state["id"]}";
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"{sandbox}/approvals/{Guid.NewGuid()}/decide", new { outcome = "Approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"{sandbox}/timers/{Guid.NewGuid()}/fire", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"{sandbox}/tasks/{Guid.NewGuid()}/complete", new { outcome = "Done" })).StatusCode);
        await admin.DeleteAsync(sandbox);
    }
}
