using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// The demo district's late project (益生菌原料药项目, signed eight days back): its permit filings are overdue, so their
/// escalations reach the responsible leader right after start. Per language, one permit: the leader decides its
/// escalation on the approvals page, then the squad member finds the still-overdue task in the inbox and completes it.
/// </summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class OverdueWorkTests(ButlerServer server)
{
    private const string Company = "漯河益康生物科技有限公司";

    public static TheoryData<string, string, string> Permits() => new()
    {
        // language, the permit's activity, the words of its title in that language
        { Ui.Chinese, "permitBusinessLicence", "代办营业执照" },
        { Ui.English, "permitFoodProduction", "food production licence" },
    };

    [Theory]
    [MemberData(nameof(Permits))]
    public async Task A_leader_decides_an_escalation_and_the_squad_completes_the_overdue_task(string language, string activity, string titleWords)
    {
        var approvalId = await PendingEscalationAsync(activity);
        var comment = Ui.Text(language, $"领导现场办公协调 {Guid.NewGuid():N}", $"On-site office to unblock it {Guid.NewGuid():N}");

        // The leader: the approvals page shows why it escalated; deciding takes it off the list.
        var leader = await server.NewPageAsync();
        await Ui.SignInAsync(leader, "leader", language);
        await Expect(leader.Locator("[data-testid=nav-approvals-badge]")).ToBeVisibleAsync();
        await leader.Locator("nav a[href='approvals']").ClickAsync();
        await Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Ui.Text(language, "待我决定", "Approvals"));
        var card = leader.Locator($"[data-testid=approval-card][data-approval-id='{approvalId}']");
        await Expect(card.Locator(".approval-title")).ToContainTextAsync(titleWords);
        await Expect(card.Locator("[data-testid=approval-overdue]")).ToContainTextAsync(Ui.Text(language, "工作日", "working day"));
        await card.Locator($"#approval-comment-{approvalId:N}").FillAsync(comment);
        await card.Locator("[data-testid=approval-decide-OnSiteOffice]").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);

        using var leaderApi = await server.ApiClientAsync("leader");
        var decided = await leaderApi.GetFromJsonAsync<JsonElement>($"/api/approvals/{approvalId}");
        Assert.Equal("decided", decided.GetProperty("status").GetString());
        Assert.Equal("OnSiteOffice", decided.GetProperty("outcome").GetString());
        Assert.Equal(comment, decided.GetProperty("votes")[0].GetProperty("comment").GetString());
        await leader.Context.CloseAsync();

        // The squad member: the task is still overdue (red, said in words too), and completing it with a comment closes it.
        var squad = await server.NewPageAsync();
        await Ui.SignInAsync(squad, "squad", language);
        var row = squad.Locator("[data-testid=task-row][data-light=red]").Filter(new() { HasText = titleWords }).Filter(new() { HasText = Company });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(Ui.Text(language, "逾期", "Overdue"));
        await row.ClickAsync();
        await Expect(squad).ToHaveURLAsync(TaskPage());
        var taskId = Guid.Parse(TaskPage().Match(squad.Url).Groups[1].Value);
        await Expect(squad.Locator("[data-testid=task-title]")).ToContainTextAsync(titleWords);
        await Expect(squad.GetByText(Company).First).ToBeVisibleAsync();
        // The task leads to its project's page (opened below, once the task is done).
        var projectLink = squad.Locator("[data-testid=task-project-link]");
        await Expect(projectLink).ToHaveAttributeAsync("href", new Regex("^projects/[0-9a-f-]{36}$"));
        var projectHref = await projectLink.GetAttributeAsync("href");
        if (activity == "permitBusinessLicence")
        {
            await squad.GetByLabel("公司章程已收取").CheckAsync();
            await squad.GetByLabel("住所证明已收取").CheckAsync();
            await squad.Locator("#task-field-businessLicenceNo").FillAsync("91411102MA9K0E2E01");
        }
        else
        {
            await squad.Locator("#task-field-foodLicenceNo").FillAsync("SC106411102E2E01");
        }
        var taskComment = Ui.Text(language, $"材料已齐，已代办 {Guid.NewGuid():N}", $"Filed for the company {Guid.NewGuid():N}");
        await squad.Locator("#task-comment").FillAsync(taskComment);
        await squad.Locator("[data-testid=task-outcome-Done]").ClickAsync();
        await Expect(squad).ToHaveURLAsync(new Regex("/tasks$"));
        // The inbox has loaded (the squad's other tasks are there) and this one is gone from it.
        await Expect(squad.Locator("[data-testid=task-row]").First).ToBeVisibleAsync();
        await Expect(squad.Locator("[data-testid=task-row]").Filter(new() { HasText = titleWords }).Filter(new() { HasText = Company })).ToHaveCountAsync(0);

        using var squadApi = await server.ApiClientAsync("squad");
        var task = await squadApi.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.Equal("done", task.GetProperty("status").GetString());
        Assert.Equal(taskComment, task.GetProperty("comment").GetString());
        Assert.Equal("squad", task.GetProperty("completedBy").GetString());
        await Ui.GotoAsync(squad, "/" + projectHref);
        await Expect(squad.GetByText(Company).First).ToBeVisibleAsync();
        await squad.Context.CloseAsync();
    }

    /// <summary>The pending escalation of the late project's permit; the scheduler fires the overdue timers shortly after start.</summary>
    private async Task<Guid> PendingEscalationAsync(string activity)
    {
        using var api = await server.ApiClientAsync("leader");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await api.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending&pageSize=200");
            foreach (var approval in page.GetProperty("items").EnumerateArray())
            {
                if (approval.GetProperty("activityId").GetString() == activity
                    && approval.GetProperty("escalatedTask") is { ValueKind: JsonValueKind.Object } task
                    && task.GetProperty("title").GetString()!.Contains(Company, StringComparison.Ordinal))
                {
                    return approval.GetProperty("id").GetGuid();
                }
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No escalation of {activity} reached the leader within 60 s.\n{server.HostLog}");
            await Task.Delay(500);
        }
    }

    [GeneratedRegex("/tasks/([0-9a-f-]{36})$")]
    private static partial Regex TaskPage();
}
