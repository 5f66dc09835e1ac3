using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Butler.Host.Tests.Api.Tasks;

/// <summary>抄送: copying a task by hand and by a step's <c>cc</c> input, the copies' list and reading, and who may.</summary>
public sealed class TaskCopyTests(MovesApp fixture) : IClassFixture<MovesApp>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private ButlerApp App => fixture.App;

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => (await BodyAsync(response))["code"]?.GetValue<string>();

    private static async Task<string?> FieldCodeAsync(HttpResponseMessage response, string field) =>
        (await BodyAsync(response))["fields"]?[field]?["code"]?.GetValue<string>();

    private async Task<MimeMessage> MailToAsync(string userName, string subjectStart) =>
        await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address.StartsWith(userName + "@", StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal), MailWait);

    private async Task<Guid> TeamWithAsync(params string[] members)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
        var team = new Team { Id = Guid.NewGuid(), Name = $"抄送专班 {Guid.NewGuid():N}"[..14], Kind = TeamKind.ServiceSquad, CreatedAt = DateTimeOffset.UtcNow };
        foreach (var member in members)
        {
            team.Members.Add(new TeamMember { TeamId = team.Id, UserName = member });
        }
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    private static async Task<List<JsonObject>> CopiesAsync(HttpClient client, string? status = null)
    {
        var list = await client.GetFromJsonAsync<JsonObject>("/api/cc?pageSize=200" + (status is null ? "" : $"&status={status}"));
        return [.. list!["items"]!.AsArray().OfType<JsonObject>()];
    }

    private async Task<List<JsonObject>> JournalAsync(Guid instanceId, string kind)
    {
        var instance = await (await App.ClientForAsync("admin")).GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        return [.. instance!["journal"]!.AsArray().OfType<JsonObject>().Where(j => j["kind"]!.GetValue<string>() == kind)];
    }

    [Fact]
    public async Task A_squad_member_copies_a_task_to_a_person_and_a_team_who_read_it_and_may_not_act_on_it()
    {
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "cc");
        var squad = await App.ClientForAsync("squad");
        var readerName = await TestUsers.CreateAsync(App, "reader");
        var memberName = await TestUsers.CreateAsync(App, "member");
        var teamId = await TeamWithAsync(memberName);
        var reader = await App.ClientForAsync(readerName);
        var stranger = await App.ClientForAsync(await TestUsers.CreateAsync(App, "stranger"));
        // Before the copy the task is not theirs to read.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/tasks/{taskId}")).StatusCode);

        var copied = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { readerName, $"team:{teamId}", readerName.ToUpperInvariant() }, comment = "请知悉办理进度" });
        Assert.Equal(HttpStatusCode.OK, copied.StatusCode);

        // One copy each (the same person named twice gets one), unread, saying who copied it and why.
        var copy = Assert.Single(await CopiesAsync(reader, "unread"));
        Assert.Equal(taskId, copy["taskId"]!.GetValue<Guid>());
        Assert.Equal("squad", copy["copiedBy"]!.GetValue<string>());
        Assert.Equal("请知悉办理进度", copy["comment"]!.GetValue<string>());
        Assert.Equal("Check 双汇食品", copy["title"]!.GetValue<string>());
        Assert.Equal("unread", copy["status"]!.GetValue<string>());
        var memberClient = await App.ClientForAsync(memberName);
        Assert.Equal(taskId, Assert.Single(await CopiesAsync(memberClient))["taskId"]!.GetValue<Guid>());
        Assert.Empty(await CopiesAsync(squad));

        // The reader may read the task, its notes and files, and urge it; nothing else.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/tasks/{taskId}/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/tasks/{taskId}/attachments")).StatusCode);
        var actions = await reader.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}/actions");
        Assert.Equal(["urge"], actions!["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "我也来写" })).StatusCode);
        using (var upload = new MultipartFormDataContent())
        {
            upload.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("hello")), "file", "note.txt");
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/tasks/{taskId}/attachments", upload)).StatusCode);
        }
        Assert.Equal("task.mayNotCopy", await CodeAsync(await reader.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { "leader" } })));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/tasks/{taskId}")).StatusCode);

        // 抄送我的 lists the task; the journal says who copied it to whom.
        var ccTab = await reader.GetFromJsonAsync<JsonObject>("/api/tasks?scope=cc");
        Assert.Equal(taskId, Assert.Single(ccTab!["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        var entry = Assert.Single(await JournalAsync(instanceId, "Copied"));
        Assert.Equal("squad", entry["actor"]!.GetValue<string>());
        Assert.Contains(readerName, entry["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"team:{teamId:D}", entry["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The mail (English accounts) names the task and who copied it, and opens the copy.
        var copyId = copy["id"]!.GetValue<Guid>();
        var mail = await MailToAsync(readerName, "Copied to you");
        Assert.Contains("Check 双汇食品", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/cc/{copyId:D}", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Copied to you", (await MailToAsync(memberName, "Copied to you")).Subject, StringComparison.Ordinal);

        // Reading it once keeps the first time; the copy is someone else's to everyone else.
        var read = await BodyAsync(await reader.PostAsync($"/api/cc/{copyId}/read", null));
        Assert.Equal("read", read["status"]!.GetValue<string>());
        var again = await BodyAsync(await reader.PostAsync($"/api/cc/{copyId}/read", null));
        Assert.Equal(read["readAt"]!.GetValue<DateTimeOffset>(), again["readAt"]!.GetValue<DateTimeOffset>());
        Assert.Empty(await CopiesAsync(reader, "unread"));
        Assert.Single(await CopiesAsync(reader, "read"));
        var notYours = await stranger.GetAsync($"/api/cc/{copyId}");
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        Assert.Equal("cc.notYours", await CodeAsync(notYours));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/cc/{copyId}/read", null)).StatusCode);
        Assert.Equal("cc.notFound", await CodeAsync(await reader.GetAsync($"/api/cc/{Guid.NewGuid()}")));
        Assert.Equal("status", (await BodyAsync(await reader.GetAsync("/api/cc?status=later")))["errors"]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task A_copy_to_nobody_to_an_unknown_person_or_an_empty_team_is_400_naming_the_entry_and_changes_nothing()
    {
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "cc-no");
        var squad = await App.ClientForAsync("squad");
        var emptyTeam = await TeamWithAsync();

        Assert.Equal("field.required", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { }), "to"));
        Assert.Equal("field.required", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = Array.Empty<string>() }), "to"));
        Assert.Equal("field.noUser", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { "leader", "nobody-here" } }), "to[1]"));
        Assert.Equal("cc.nobody", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { $"team:{emptyTeam}" } }), "to[0]"));
        Assert.Equal("cc.nobody", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { $"team:{Guid.NewGuid()}" } }), "to[0]"));
        Assert.Equal("field.tooMany", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc",
            new { to = Enumerable.Repeat("leader", 51).ToArray() }), "to"));

        // A refusal in Chinese names the team it could not find anyone in.
        using var zh = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/cc") { Content = JsonContent.Create(new { to = new[] { $"team:{emptyTeam}" } }) };
        zh.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var problem = await BodyAsync(await squad.SendAsync(zh));
        Assert.Contains($"team:{emptyTeam}", problem["errors"]!["to[0]"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Empty(await JournalAsync(instanceId, "Copied"));
        Assert.Equal(HttpStatusCode.NotFound, (await squad.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/cc", new { to = new[] { "leader" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { "leader" } })).StatusCode);
    }

    [Fact]
    public async Task A_closed_task_may_be_copied_by_who_completed_it_and_by_a_leader_but_not_by_others()
    {
        var (taskId, _) = await TestTasks.OpenSquadTaskAsync(App, "cc-closed");
        var squad = await App.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
        var readerName = await TestUsers.CreateAsync(App, "later");
        var otherMember = await App.ClientForAsync(await TestUsers.CreateAsync(App, "member", "Squad"));

        var actions = await squad.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}/actions");
        Assert.Equal(["cc"], actions!["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { readerName } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await App.ClientForAsync("leader")).PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { readerName } })).StatusCode);
        Assert.Equal("task.mayNotCopy", await CodeAsync(await otherMember.PostAsJsonAsync($"/api/tasks/{taskId}/cc", new { to = new[] { readerName } })));

        // The second copy while the first is unread is not sent again: one copy, from who copied it first.
        var copies = await CopiesAsync(await App.ClientForAsync(readerName));
        Assert.Equal("squad", Assert.Single(copies)["copiedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_step_with_a_cc_input_copies_its_task_when_it_is_completed_and_not_to_the_person_who_completed_it()
    {
        var readerName = await TestUsers.CreateAsync(App, "watcher");
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "cc-input", id => Support.Definitions.TaskThenDecision(id)
            .Replace("\"outcomes\": [\"Done\", \"Reject\"],", $"\"outcomes\": [\"Done\", \"Reject\"], \"cc\": [ {{ \"user\": \"{readerName}\" }}, {{ \"user\": \"squad\" }} ],", StringComparison.Ordinal));
        var reader = await App.ClientForAsync(readerName);
        Assert.Empty(await CopiesAsync(reader));

        var squad = await App.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", comment = "已核实", fields = new { amount = 3 } })).StatusCode);

        var copy = Assert.Single(await CopiesAsync(reader));
        Assert.Equal(taskId, copy["taskId"]!.GetValue<Guid>());
        Assert.Equal("squad", copy["copiedBy"]!.GetValue<string>());
        Assert.Empty(await CopiesAsync(squad));
        var entry = Assert.Single(await JournalAsync(instanceId, "Copied"));
        Assert.Equal("squad", entry["actor"]!.GetValue<string>());
        // The reader reads the closed task and its outcome.
        var task = await reader.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");
        Assert.Equal("Done", task!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_approval_step_with_a_cc_input_copies_the_approval_which_its_reader_may_read()
    {
        var readerName = await TestUsers.CreateAsync(App, "approval-reader");
        var admin = await App.ClientForAsync("admin");
        var id = $"cc-approval-{Guid.NewGuid():N}"[..30];
        var definition = $$"""
            {
              "id": "{{id}}",
              "name": "Approval copied",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "sign", "type": "Approval", "inputs": { "title": "签批 {{id}}", "approvers": [ { "user": "leader" } ],
                  "outcomes": ["Approve", "Reject"], "cc": [ { "user": "{{readerName}}" } ] } },
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
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
        var instanceId = (await BodyAsync(started))["id"]!.GetValue<Guid>();
        var leader = await App.ClientForAsync("leader");
        var pending = await leader.GetFromJsonAsync<JsonObject>("/api/approvals?pageSize=200");
        var approvalId = pending!["items"]!.AsArray().OfType<JsonObject>().Single(a => a["instanceId"]!.GetValue<Guid>() == instanceId)["id"]!.GetValue<Guid>();
        var reader = await App.ClientForAsync(readerName);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/approvals/{approvalId}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/approvals/{approvalId}/decide", new { outcome = "Approve", comment = "同意" })).StatusCode);

        var copy = Assert.Single(await CopiesAsync(reader));
        Assert.Equal(approvalId, copy["approvalId"]!.GetValue<Guid>());
        Assert.Null(copy["taskId"]);
        Assert.Equal("leader", copy["copiedBy"]!.GetValue<string>());
        var approval = await reader.GetFromJsonAsync<JsonObject>($"/api/approvals/{approvalId}");
        Assert.Equal("Approve", approval!["outcome"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/approvals/{approvalId}/decide", new { outcome = "Reject" })).StatusCode);
    }
}
