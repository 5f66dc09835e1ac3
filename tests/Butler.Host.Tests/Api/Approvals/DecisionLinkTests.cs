using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Api.Approvals;
using Butler.Host.Tests.Support;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Approvals;

/// <summary>One-click decision links: signed, expiring, single use, bound to the approver; a bad link changes nothing.</summary>
[Trait("Category", "Slow")]
public sealed class DecisionLinkTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private DecisionLinkService Links => app.Services.GetRequiredService<DecisionLinkService>();

    /// <summary>What the escalation's approval below offers in one click: <c>"approval": { }</c> takes every default outcome.</summary>
    private static readonly string[] OneClick = [Approval.Approve, Approval.Extend];

    /// <summary>Starts an instance whose task is overdue at once and escalates to the leader with an approval.</summary>
    private async Task<(Guid ApprovalId, Guid TaskId)> EscalatedApprovalAsync(string approvalInputs = "{ }")
    {
        var admin = await app.ClientForAsync("admin");
        var id = "links-" + Guid.NewGuid().ToString("N")[..8];
        var json = $$"""
            { "id": "{{id}}", "name": "Links",
              "variables": [ { "name": "responsibleLeader", "default": "leader" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "site", "type": "HumanTask", "inputs": { "title": "选址规划", "assignee": { "role": "Squad" }, "due": "PT1S",
                    "escalation": [ { "after": "PT0S", "approval": {{approvalInputs}} } ] } },
                { "id": "end", "type": "End" } ],
              "connections": [ { "source": "start", "outcome": "Done", "target": "site" }, { "source": "site", "outcome": "Done", "target": "end" } ] }
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null);
        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        Approval? approval = null;
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            approval = await db.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.InstanceId == instanceId);
            return approval is not null;
        }, TimeSpan.FromSeconds(60)); // a deadline for a slow, shared machine, not a timing assertion
        return (approval!.Id, approval.EscalatedTaskId!.Value);
    }

    private async Task<Approval> ApprovalAsync(Guid id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
        return await db.Approvals.AsNoTracking().FirstAsync(a => a.Id == id);
    }

    [Fact]
    public async Task A_decided_escalation_files_the_leaders_comment_under_its_votes_and_not_under_the_squads_notes()
    {
        var (approvalId, _) = await EscalatedApprovalAsync();
        var comment = $"请加快办理 {Guid.NewGuid():N}";
        var leader = await app.ClientForAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/approvals/{approvalId}/decide", new { outcome = "Approve", comment })).StatusCode);

        var (cards, _) = await app.Services.GetRequiredService<ApprovalInbox>()
            .CardsAsync(new Actor("leader", ["Leader"]), ApprovalInbox.Decided);

        var card = Assert.Single(cards, c => c.Approval.Id == approvalId);
        Assert.Equal(comment, Assert.Single(card.Approval.Votes).Comment);
        Assert.DoesNotContain(card.Notes, n => n.Text == comment);
    }

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token) =>
        client.PostAsync("/approvals/decide", new FormUrlEncodedContent([new("token", token)]));

    [Fact]
    public async Task An_approve_link_asks_once_on_get_decides_on_post_and_is_used_up_after()
    {
        var (approvalId, _) = await EscalatedApprovalAsync();
        var link = Links.ForApproval(approvalId, "leader", OneClick).Single(l => l.Kind == Butler.Workflows.Notifications.MessageLinkKind.Approve);
        var client = app.CreateClient();

        var page = await client.GetAsync(new Uri(link.Url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalAsync(approvalId)).Status);

        var done = await PostAsync(client, TokenOf(link.Url));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var decided = await ApprovalAsync(approvalId);
        Assert.Equal(ApprovalStatus.Decided, decided.Status);
        Assert.Equal("Approve", decided.Outcome);

        var again = await PostAsync(client, TokenOf(link.Url));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_decision_pages_send_the_anti_framing_and_no_store_headers_of_the_other_pages()
    {
        var (approvalId, _) = await EscalatedApprovalAsync();
        var link = Links.ForApproval(approvalId, "leader", OneClick).Single(l => l.Kind == Butler.Workflows.Notifications.MessageLinkKind.Extend);
        var client = app.CreateClient();
        using var signIn = await client.GetAsync("/signin");

        using var page = await client.GetAsync(new Uri(link.Url).PathAndQuery);
        using var done = await PostAsync(client, TokenOf(link.Url));
        using var used = await PostAsync(client, TokenOf(link.Url));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { page.StatusCode, done.StatusCode, used.StatusCode });
        foreach (var response in new[] { page, done, used })
        {
            foreach (var header in new[] { "Content-Security-Policy", "X-Frame-Options", "Pragma" })
            {
                Assert.Equal(signIn.Headers.GetValues(header), response.Headers.GetValues(header));
            }
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.True(response.Headers.CacheControl.NoCache);
        }
    }

    [Fact]
    public async Task An_extend_link_moves_the_deadline_by_three_working_days()
    {
        var (approvalId, taskId) = await EscalatedApprovalAsync();
        var link = Links.ForApproval(approvalId, "leader", OneClick).Single(l => l.Kind == Butler.Workflows.Notifications.MessageLinkKind.Extend);
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app.CreateClient(), TokenOf(link.Url))).StatusCode);
        var squad = await app.ClientForAsync("squad");
        var task = await squad.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");
        var due = task!["due"]!.GetValue<DateTimeOffset>();
        Assert.True(due > before.AddDays(2), $"due {due:O} should be three working days out");
        Assert.Equal("Extend", (await ApprovalAsync(approvalId)).Outcome);
    }

    [Fact]
    public async Task A_link_for_an_outcome_the_approval_does_not_offer_only_opens_it_and_cannot_decide()
    {
        var (approvalId, _) = await EscalatedApprovalAsync("""{ "outcomes": ["Extend", "Reassign", "OnSiteOffice"] }""");
        var offered = (await ApprovalAsync(approvalId)).Outcomes;
        Assert.DoesNotContain(Links.ForApproval(approvalId, "leader", [.. offered]), l => l.Kind == Butler.Workflows.Notifications.MessageLinkKind.Approve);
        // An Approve link such as older mails carried.
        var token = Links.Protect(new DecisionLink(approvalId, "leader", LinkAction.Approve, "older-mail", DateTimeOffset.UtcNow.AddDays(1)));
        var client = app.CreateClient();

        using var page = await client.GetAsync($"/approvals/decide?token={Uri.EscapeDataString(token)}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/approvals\"", html, StringComparison.Ordinal);
        using var post = await PostAsync(client, token);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("This link cannot decide", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalAsync(approvalId)).Status);
    }

    [Fact]
    public async Task An_expired_link_shows_a_clear_page_and_changes_nothing()
    {
        var (approvalId, _) = await EscalatedApprovalAsync();
        var token = Links.Protect(new DecisionLink(approvalId, "leader", LinkAction.Approve, "expired-nonce", DateTimeOffset.UtcNow.AddMinutes(-1)));
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/approvals/decide?token={Uri.EscapeDataString(token)}")).StatusCode);
        var post = await PostAsync(client, token);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Contains("expired", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalAsync(approvalId)).Status);
    }

    [Fact]
    public async Task A_tampered_link_shows_a_clear_page_and_changes_nothing()
    {
        var (approvalId, _) = await EscalatedApprovalAsync();
        var token = TokenOf(Links.ForApproval(approvalId, "leader", OneClick)[0].Url);
        var tampered = token[..^6] + (token[^6] == 'A' ? "B" : "A") + token[^5..];

        var post = await PostAsync(app.CreateClient(), tampered);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("not valid", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalAsync(approvalId)).Status);
    }

    [Fact]
    public async Task A_link_opened_by_someone_else_signed_in_or_made_for_a_non_approver_changes_nothing()
    {
        var (approvalId, _) = await EscalatedApprovalAsync();
        var leadersLink = TokenOf(Links.ForApproval(approvalId, "leader", OneClick)[0].Url);
        var squad = await app.ClientForAsync("squad");
        var foreign = await PostAsync(squad, leadersLink);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("belongs to someone else", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var squadsOwn = TokenOf(Links.ForApproval(approvalId, "squad", OneClick)[0].Url);
        var notApprover = await PostAsync(app.CreateClient(), squadsOwn);
        Assert.Equal(HttpStatusCode.Forbidden, notApprover.StatusCode);
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalAsync(approvalId)).Status);
    }

    [Fact]
    public async Task Deciding_over_the_api_checks_the_approver_the_new_due_and_a_second_decision()
    {
        var (approvalId, taskId) = await EscalatedApprovalAsync();
        var leader = await app.ClientForAsync("leader");
        var squad = await app.ClientForAsync("squad");
        var url = $"/api/approvals/{approvalId}/decide";

        var pending = await leader.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200");
        Assert.Contains(pending!["items"]!.AsArray(), a => a!["id"]!.GetValue<Guid>() == approvalId);
        Assert.DoesNotContain((await squad.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending"))!["items"]!.AsArray(),
            a => a!["id"]!.GetValue<Guid>() == approvalId);

        Assert.Equal(HttpStatusCode.Forbidden, (await squad.PostAsJsonAsync(url, new { outcome = "Approve" })).StatusCode);
        var noDue = await leader.PostAsJsonAsync(url, new { outcome = "Extend" });
        Assert.Equal(HttpStatusCode.BadRequest, noDue.StatusCode);
        Assert.Contains("newDue", (await noDue.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        var pastDue = await leader.PostAsJsonAsync(url, new { outcome = "Extend", newDue = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, pastDue.StatusCode);
        var unknownUser = await leader.PostAsJsonAsync(url, new { outcome = "Reassign", reassignTo = "nobody" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
        Assert.Contains("reassignTo", (await unknownUser.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));

        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync(url, new { outcome = "Reassign", reassignTo = "admin", comment = "交给管理员" })).StatusCode);
        Assert.Equal("admin", (await leader.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}"))!["assignee"]!["user"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsJsonAsync(url, new { outcome = "Approve" })).StatusCode);
        var decided = await leader.GetFromJsonAsync<JsonObject>("/api/approvals?status=decided&pageSize=200");
        Assert.Contains(decided!["items"]!.AsArray(), a => a!["id"]!.GetValue<Guid>() == approvalId && a["outcome"]!.GetValue<string>() == "Reassign");
    }

    [Fact]
    public async Task The_escalation_mail_to_the_leader_carries_the_signed_links()
    {
        var (approvalId, _) = await EscalatedApprovalAsync();
        var folder = Path.Combine(app.DataDirectory, "mail");
        string? mail = null;
        await Eventually.TrueAsync(() =>
        {
            mail = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).FirstOrDefault(t => t.Contains("leader@butler.example", StringComparison.Ordinal)
                    && t.Contains("approvals/decide?token=", StringComparison.Ordinal))
                : null;
            return Task.FromResult(mail is not null);
        }, TimeSpan.FromSeconds(30));
        Assert.NotNull(mail);
        Assert.Equal(ApprovalStatus.Pending, (await ApprovalAsync(approvalId)).Status);
    }
}
