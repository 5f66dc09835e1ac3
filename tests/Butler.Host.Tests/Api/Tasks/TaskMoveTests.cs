using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.TestSupport;
using MimeKit;

namespace Butler.Host.Tests.Api.Tasks;

/// <summary>One host on SQLite whose mail goes to a real SMTP server, for the moves on tasks.</summary>
public sealed class MovesApp : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = null!;

    public ButlerApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartNewAsync();
        App = new SqliteApp().WithSmtp(Smtp);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>转办, 委派 and its send-back, 催办 and the list of moves, over real HTTP, with the mails they send read from SMTP.</summary>
public sealed class TaskMoveTests(MovesApp fixture) : IClassFixture<MovesApp>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private ButlerApp App => fixture.App;

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => (await BodyAsync(response))["code"]?.GetValue<string>();

    private static async Task<string?> FieldCodeAsync(HttpResponseMessage response, string field) =>
        (await BodyAsync(response))["fields"]?[field]?["code"]?.GetValue<string>();

    private async Task<List<JsonObject>> JournalAsync(Guid instanceId, string kind)
    {
        var instance = await (await App.ClientForAsync("admin")).GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
        return [.. instance!["journal"]!.AsArray().OfType<JsonObject>().Where(j => j["kind"]!.GetValue<string>() == kind)];
    }

    private async Task<MimeMessage> MailToAsync(string userName, string subjectStart) =>
        await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address.StartsWith(userName + "@", StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal), MailWait);

    private static async Task<List<string>> ActionsAsync(HttpClient client, Guid taskId)
    {
        var response = await client.GetAsync($"/api/tasks/{taskId}/actions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Empty(body["returnTargets"]!.AsArray());
        return [.. body["actions"]!.AsArray().Select(a => a!.GetValue<string>())];
    }

    [Fact]
    public async Task A_squad_member_transfers_a_task_to_a_colleague_who_then_has_it_and_hears_of_it_by_mail()
    {
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "transfer");
        var squad = await App.ClientForAsync("squad");
        var colleague = await TestUsers.CreateAsync(App, "colleague");

        var moved = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { to = colleague.ToUpperInvariant(), comment = "我下周出差，请代为办理" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var task = await BodyAsync(moved);
        Assert.Equal(colleague, task["assignee"]!["user"]!.GetValue<string>());
        Assert.Null(task["assignee"]!["role"]);
        Assert.Equal(colleague, task["owner"]!.GetValue<string>());

        // The task left the squad's inbox and is in the colleague's, who may complete it.
        var squadInbox = await squad.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        Assert.DoesNotContain(squadInbox!["items"]!.AsArray(), t => t!["id"]!.GetValue<Guid>() == taskId);
        var theirs = await App.ClientForAsync(colleague);
        Assert.Contains("complete", await ActionsAsync(theirs, taskId));
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);

        var entry = Assert.Single(await JournalAsync(instanceId, "TaskTransferred"));
        Assert.Equal("squad", entry["actor"]!.GetValue<string>());
        Assert.Equal("我下周出差，请代为办理", entry["comment"]!.GetValue<string>());
        Assert.Contains($"to {colleague}", entry["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The colleague's account speaks English: the mail names the task, who transferred it and why.
        var mail = await MailToAsync(colleague, "Task transferred to you");
        Assert.Contains("Check 双汇食品", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("我下周出差，请代为办理", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/tasks/{taskId:D}", mail.HtmlBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await theirs.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
        Assert.Equal("task.notOpen", await CodeAsync(await theirs.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { to = "squad" })));
    }

    [Fact]
    public async Task A_transfer_is_refused_to_nobody_to_a_locked_account_to_the_same_person_and_by_someone_whose_task_it_is_not()
    {
        var (taskId, _) = await TestTasks.OpenSquadTaskAsync(App, "transfer-no");
        var squad = await App.ClientForAsync("squad");
        var locked = await TestUsers.CreateAsync(App, "locked");
        Assert.Equal(HttpStatusCode.OK, (await (await App.ClientForAsync("admin")).PostAsync($"/api/users/{locked}/lock", null)).StatusCode);

        var missing = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("field.userRequired", await FieldCodeAsync(missing, "to"));
        Assert.Equal("field.noUser", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { to = "nobody-here" }), "to"));
        Assert.Equal("field.userLocked", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { to = locked }), "to"));

        var stranger = await App.ClientForAsync(await TestUsers.CreateAsync(App, "stranger"));
        var refused = await stranger.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { to = "squad" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("task.mayNotTransfer", await CodeAsync(refused));
        Assert.Equal(HttpStatusCode.NotFound, (await squad.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/transfer", new { to = "leader" })).StatusCode);

        // A leader oversees every task and may hand it on; handing it to its assignee again is a mistake named in Chinese.
        var leader = await App.ClientForAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { to = "squad" })).StatusCode);
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/transfer") { Content = JsonContent.Create(new { to = "squad" }) };
        again.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var same = await leader.SendAsync(again);
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        var problem = await BodyAsync(same);
        Assert.Equal("task.transferToSame", problem["fields"]!["to"]!["code"]!.GetValue<string>());
        Assert.Equal("任务已由 squad 办理。", problem["errors"]!["to"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delegate_works_on_the_task_and_sends_it_back_and_only_the_owner_completes_it()
    {
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "delegate");
        var squad = await App.ClientForAsync("squad");
        var helperName = await TestUsers.CreateAsync(App, "helper");
        var helper = await App.ClientForAsync(helperName);

        Assert.Equal("task.delegateToSelf", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { to = "squad" }), "to"));
        var leaderTries = await (await App.ClientForAsync("leader")).PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { to = helperName });
        Assert.Equal(HttpStatusCode.Forbidden, leaderTries.StatusCode);
        Assert.Equal("task.mayNotDelegate", await CodeAsync(leaderTries));
        Assert.Equal(HttpStatusCode.Forbidden, (await helper.GetAsync($"/api/tasks/{taskId}")).StatusCode);

        // A member of the role delegates an unclaimed task: it is claimed for them, so it has an owner to come back to.
        var delegated = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { to = helperName, comment = "请核对投资额" });
        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        var task = await BodyAsync(delegated);
        Assert.Equal("squad", task["owner"]!.GetValue<string>());
        Assert.Equal("squad", task["claimedBy"]!.GetValue<string>());
        Assert.Equal(helperName, task["delegatedTo"]!.GetValue<string>());
        Assert.Equal("task.delegated", await CodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { to = "leader" })));

        var delegateMail = await MailToAsync(helperName, "Task delegated to you");
        Assert.Contains("请核对投资额", delegateMail.TextBody, StringComparison.Ordinal);

        // The delegate sees the task in their inbox, may only send it back, and may not complete it.
        var inbox = await helper.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        Assert.Contains(inbox!["items"]!.AsArray(), t => t!["id"]!.GetValue<Guid>() == taskId);
        Assert.Equal(["resolve", "cc", "note", "attach"], await ActionsAsync(helper, taskId));
        var byDelegate = await helper.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } });
        Assert.Equal(HttpStatusCode.Forbidden, byDelegate.StatusCode);
        Assert.Equal("task.delegateMayNotComplete", await CodeAsync(byDelegate));
        var byOwner = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } });
        Assert.Equal(HttpStatusCode.Conflict, byOwner.StatusCode);
        Assert.Equal("task.delegated", await CodeAsync(byOwner));
        Assert.Equal("task.notDelegatedToYou", await CodeAsync(await (await App.ClientForAsync("leader")).PostAsJsonAsync($"/api/tasks/{taskId}/resolve", new { })));
        Assert.Equal("fields.amount", (await BodyAsync(await helper.PostAsJsonAsync($"/api/tasks/{taskId}/resolve", new { fields = new { amount = "many" } })))["errors"]!
            .AsObject().Single().Key);

        var resolved = await helper.PostAsJsonAsync($"/api/tasks/{taskId}/resolve", new { comment = "已核对，投资额为 3 亿元", fields = new { amount = 3 } });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        task = await BodyAsync(resolved);
        Assert.Null(task["delegatedTo"]);
        Assert.Equal(3, task["values"]!["amount"]!.GetValue<int>());
        Assert.Equal("task.notDelegated", await CodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{taskId}/resolve", new { })));
        Assert.Equal(HttpStatusCode.Forbidden, (await helper.GetAsync($"/api/tasks/{taskId}")).StatusCode);

        var back = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address.StartsWith("squad@", StringComparison.Ordinal))
            && (m.TextBody ?? "").Contains("已核对，投资额为 3 亿元", StringComparison.Ordinal), MailWait);
        Assert.Contains("Check 双汇食品", back.Subject, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
        Assert.Equal(["squad"], (await JournalAsync(instanceId, "TaskDelegated")).Select(j => j["actor"]!.GetValue<string>()));
        Assert.Equal([helperName], (await JournalAsync(instanceId, "TaskResolved")).Select(j => j["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_leader_urges_once_an_hour_and_is_told_in_his_language_when_he_may_again()
    {
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "urge");
        var squad = await App.ClientForAsync("squad");
        var leader = await App.ClientForAsync("leader");

        var own = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("task.mayNotUrge", await CodeAsync(own));
        var stranger = await App.ClientForAsync(await TestUsers.CreateAsync(App, "stranger"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { })).StatusCode);
        Assert.Equal(["transfer", "urge", "cc", "note", "attach"], await ActionsAsync(leader, taskId));

        var urged = await leader.PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { comment = "企业明天要来，请今天办好" });
        Assert.Equal(HttpStatusCode.OK, urged.StatusCode);
        Assert.Equal(1, (await BodyAsync(urged))["urgeCount"]!.GetValue<int>());
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address.StartsWith("squad@", StringComparison.Ordinal))
            && (m.TextBody ?? "").Contains("企业明天要来，请今天办好", StringComparison.Ordinal), MailWait);
        Assert.Contains("Check 双汇食品", mail.Subject, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/urge") { Content = JsonContent.Create(new { }) };
        again.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var tooSoon = await leader.SendAsync(again);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        var retryAfter = tooSoon.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 3600);
        var problem = await BodyAsync(tooSoon);
        Assert.Equal("task.urgedRecently", problem["code"]!.GetValue<string>());
        Assert.Contains("分钟后再催办", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The hour is per person: an administrator may urge the same task now.
        Assert.Equal(HttpStatusCode.OK, (await (await App.ClientForAsync("admin")).PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { })).StatusCode);
        Assert.Equal(["leader", "admin"], (await JournalAsync(instanceId, "TaskUrged")).Select(j => j["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Urges_sent_at_once_by_one_person_count_once()
    {
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "urge-race");
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => App.ClientForAsync("leader")));

        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { comment = "请尽快" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Single(await JournalAsync(instanceId, "TaskUrged"));
        var task = await (await App.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");
        Assert.Equal(1, task!["urgeCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_transfer_sent_twice_with_one_idempotency_key_is_done_once_and_answered_twice()
    {
        var (taskId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, "transfer-key");
        var squad = await App.ClientForAsync("squad");
        var colleague = await TestUsers.CreateAsync(App, "colleague");
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/transfer") { Content = JsonContent.Create(new { to = colleague }) };
            request.Headers.Add("Idempotency-Key", "transfer-once");
            return request;
        }

        using var first = Request();
        using var second = Request();
        var answers = await Task.WhenAll(squad.SendAsync(first), squad.SendAsync(second));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await JournalAsync(instanceId, "TaskTransferred"));
    }

    [Fact]
    public async Task The_moves_offered_follow_who_asks_and_end_when_the_task_is_done()
    {
        var (taskId, _) = await TestTasks.OpenSquadTaskAsync(App, "actions");
        var squad = await App.ClientForAsync("squad");
        var member = await App.ClientForAsync(await TestUsers.CreateAsync(App, "member", "Squad"));

        Assert.Equal(["complete", "claim", "transfer", "delegate", "cc", "note", "attach"], await ActionsAsync(squad, taskId));
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(["complete", "release", "transfer", "delegate", "cc", "note", "attach"], await ActionsAsync(squad, taskId));
        // Another member sees it claimed: they may neither complete nor move it, but they may urge the claimer.
        Assert.Equal(["urge", "cc", "note", "attach"], await ActionsAsync(member, taskId));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientForAsync(await TestUsers.CreateAsync(App, "stranger"))).GetAsync($"/api/tasks/{taskId}/actions")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
        // Once done, only who completed it (or a leader) may still copy it; nobody else may do anything.
        Assert.Equal(["cc"], await ActionsAsync(squad, taskId));
        Assert.Empty(await ActionsAsync(member, taskId));
    }

    /// <summary>Opens the brief, completes it as the demo squad member with an amount, and returns the permit it opened.</summary>
    private async Task<(Guid BriefId, Guid PermitId, Guid InstanceId)> BriefDoneAsync(string prefix)
    {
        var (briefId, instanceId) = await TestTasks.OpenSquadTaskAsync(App, prefix, Support.Definitions.BriefThenPermit);
        var squad = await App.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{briefId}/complete", new { outcome = "Done", fields = new { amount = 5 }, comment = "已宣讲" })).StatusCode);
        return (briefId, await OpenTaskAsync(instanceId, "permit"), instanceId);
    }

    private async Task<Guid> OpenTaskAsync(Guid instanceId, string activityId)
    {
        var inbox = await (await App.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        return inbox!["items"]!.AsArray().OfType<JsonObject>()
            .Single(t => t["instanceId"]!.GetValue<Guid>() == instanceId && t["activityId"]!.GetValue<string>() == activityId)["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task A_permit_sent_back_to_the_briefing_opens_it_again_for_its_author_with_their_values()
    {
        var (_, permitId, instanceId) = await BriefDoneAsync("return");
        var member = await App.ClientForAsync(await TestUsers.CreateAsync(App, "member", "Squad"));

        var actions = await (await member.GetAsync($"/api/tasks/{permitId}/actions")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("return", actions!["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        var target = Assert.Single(actions["returnTargets"]!.AsArray());
        Assert.Equal("brief", target!["activityId"]!.GetValue<string>());
        Assert.Equal("Policy briefing", target["name"]!.GetValue<string>()); // the member reads English (their profile)

        var noReason = await member.PostAsJsonAsync($"/api/tasks/{permitId}/return", new { to = "brief" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("task.returnReason", await FieldCodeAsync(noReason, "comment"));
        Assert.Equal("task.returnTarget", await FieldCodeAsync(await member.PostAsJsonAsync($"/api/tasks/{permitId}/return", new { to = "site", comment = "x" }), "to"));
        Assert.Equal("task.returnTarget", await FieldCodeAsync(await member.PostAsJsonAsync($"/api/tasks/{permitId}/return", new { to = "permit", comment = "x" }), "to"));
        var stranger = await App.ClientForAsync(await TestUsers.CreateAsync(App, "stranger"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/tasks/{permitId}/return", new { to = "brief", comment = "x" })).StatusCode);

        var returned = await member.PostAsJsonAsync($"/api/tasks/{permitId}/return", new { to = "brief", comment = "投资额与合同不符，请核实" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("returned", (await BodyAsync(returned))["status"]!.GetValue<string>());
        Assert.Equal("task.notOpen", await CodeAsync(await member.PostAsJsonAsync($"/api/tasks/{permitId}/complete", new { outcome = "Done" })));

        // The briefing is open again, for the person who did it (not the whole squad), with their amount.
        var briefAgain = await OpenTaskAsync(instanceId, "brief");
        var task = await (await App.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>($"/api/tasks/{briefAgain}");
        Assert.Equal("squad", task!["assignee"]!["user"]!.GetValue<string>());
        Assert.Null(task["assignee"]!["role"]);
        Assert.Equal(5, task["values"]!["amount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/tasks/{briefAgain}")).StatusCode);
        var entry = Assert.Single(await JournalAsync(instanceId, "TaskReturned"));
        Assert.Equal("投资额与合同不符，请核实", entry["comment"]!.GetValue<string>());

        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address.StartsWith("squad@", StringComparison.Ordinal))
            && (m.TextBody ?? "").Contains("投资额与合同不符，请核实", StringComparison.Ordinal), MailWait);
        Assert.StartsWith("任务被退回", mail.Subject, StringComparison.Ordinal);

        // Done again, the run goes on to a new permit.
        Assert.Equal(HttpStatusCode.OK, (await (await App.ClientForAsync("squad")).PostAsJsonAsync($"/api/tasks/{briefAgain}/complete", new { outcome = "Done", fields = new { amount = 6 } })).StatusCode);
        Assert.NotEqual(permitId, await OpenTaskAsync(instanceId, "permit"));
    }

    [Fact]
    public async Task A_send_back_does_not_cross_a_parallel_split()
    {
        var (_, permitId, instanceId) = await BriefDoneAsync("return-fork");
        var squad = await App.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{permitId}/complete", new { outcome = "Done" })).StatusCode);
        var site = await OpenTaskAsync(instanceId, "site");

        var actions = await (await squad.GetAsync($"/api/tasks/{site}/actions")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.DoesNotContain("return", actions!["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Empty(actions["returnTargets"]!.AsArray());
        Assert.Equal("task.returnTarget", await FieldCodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{site}/return", new { to = "permit", comment = "x" }), "to"));
    }

    [Fact]
    public async Task The_author_of_a_step_withdraws_it_while_the_next_task_is_untouched_and_not_after()
    {
        var squad = await App.ClientForAsync("squad");
        var (briefId, permitId, instanceId) = await BriefDoneAsync("withdraw");
        var member = await App.ClientForAsync(await TestUsers.CreateAsync(App, "member", "Squad"));

        var notTheirs = await member.PostAsJsonAsync($"/api/tasks/{permitId}/withdraw", new { });
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal("task.notYourStep", await CodeAsync(notTheirs));

        var withdrawn = await squad.PostAsJsonAsync($"/api/tasks/{permitId}/withdraw", new { comment = "金额填错了" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await BodyAsync(withdrawn))["status"]!.GetValue<string>());
        var briefAgain = await OpenTaskAsync(instanceId, "brief");
        Assert.NotEqual(briefId, briefAgain);
        Assert.Equal(5, (await squad.GetFromJsonAsync<JsonObject>($"/api/tasks/{briefAgain}"))!["values"]!["amount"]!.GetValue<int>());
        Assert.Single(await JournalAsync(instanceId, "TaskWithdrawn"));

        // Done again; this time a colleague claims the permit first, and the step can no longer be taken back.
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{briefAgain}/complete", new { outcome = "Done", fields = new { amount = 7 } })).StatusCode);
        var permitAgain = await OpenTaskAsync(instanceId, "permit");
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/tasks/{permitAgain}/claim", null)).StatusCode);
        var touched = await squad.PostAsJsonAsync($"/api/tasks/{permitAgain}/withdraw", new { });
        Assert.Equal(HttpStatusCode.Conflict, touched.StatusCode);
        Assert.Equal("task.touched", await CodeAsync(touched));
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/tasks/{permitAgain}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/tasks/{permitAgain}/notes", new { text = "已联系企业" })).StatusCode);
        Assert.Equal("task.touched", await CodeAsync(await squad.PostAsJsonAsync($"/api/tasks/{permitAgain}/withdraw", new { })));
    }
}
