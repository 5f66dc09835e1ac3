using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>审批单: the sheet of a finished run, downloaded from its project page as a PDF, names every decision.</summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class SheetTests(ButlerServer server)
{
    private static readonly Dictionary<string, string> Outcomes = new(StringComparer.Ordinal)
    {
        ["Done"] = "完成",
        ["Proposed"] = "提交方案",
        ["Approve"] = "同意",
    };

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task The_pdf_sheet_of_a_finished_run_downloaded_from_the_project_page_names_every_decision()
    {
        // A project of the health-food squad, worked through the API as its squad and leader would: the briefing, a
        // site proposed and approved, then moved into production, which ends its run. The site and the comment are the
        // demo district's own words, which the language guard knows as data (the run may be the newest it opens).
        var admin = await server.ApiClientAsync("admin");
        var projects = await admin.GetFromJsonAsync<JsonObject>("/api/projects?pageSize=200");
        var model = projects!["items"]!.AsArray().OfType<JsonObject>().First(p => p["company"]!.GetValue<string>() == "沙澧优品食品有限公司");
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/projects", new
        {
            name = "年产三万吨速冻食品审批单项目",
            company = "漯河归档食品有限公司",
            chain = model["chain"]!.GetValue<string>(),
            plannedInvestment = 80_000_000m,
            contractDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            leaderId = model["leaderId"]!.GetValue<Guid>(),
            squadId = model["squadId"]!.GetValue<Guid>(),
        }));
        var projectId = created["project"]!["id"]!.GetValue<Guid>();
        var run = created["pipelineInstanceId"]!.GetValue<Guid>();
        var leaderName = created["leaderUserName"]!.GetValue<string>();
        var squad = await server.ApiClientAsync("squad");
        var tasks = created["openTasks"]!.AsArray().OfType<JsonObject>().ToList();
        var inbox = await squad.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        Guid Task(string activity) => inbox!["items"]!.AsArray().OfType<JsonObject>()
            .Single(t => t["instanceId"]!.GetValue<Guid>() == run && t["activityId"]!.GetValue<string>() == activity)["id"]!.GetValue<Guid>();
        await JsonAsync(await squad.PostAsJsonAsync($"/api/tasks/{Task("briefing")}/complete",
            new { outcome = "Done", fields = new { policies = "税收、人才政策" } }));
        await JsonAsync(await squad.PostAsJsonAsync($"/api/tasks/{Task("siteSelection")}/complete",
            new { outcome = "Proposed", fields = new { site = "漯河经开区 A-12 地块", areaMu = 80 } }));
        var leader = await server.ApiClientAsync(leaderName);
        var approvals = await leader.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200");
        var approval = approvals!["items"]!.AsArray().OfType<JsonObject>().Single(a => a["instanceId"]!.GetValue<Guid>() == run)["id"]!.GetValue<Guid>();
        await JsonAsync(await leader.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve", comment = "同意选址" }));
        await JsonAsync(await squad.PutAsJsonAsync($"/api/projects/{projectId}", new { stage = "production", note = "提前投产" }));
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{run}");
        Assert.NotEqual("Running", instance!["status"]!.GetValue<string>());
        var decisions = instance["journal"]!.AsArray().OfType<JsonObject>()
            .Where(j => j["kind"]!.GetValue<string>() is "TaskCompleted" or "ApprovalVoted").ToList();
        Assert.Equal(3, decisions.Count);
        Assert.NotEmpty(tasks);

        var page = await server.NewPageAsync();
        await Ui.SignInAsync(page, leaderName, Ui.Chinese);
        // The leader signs on the profile page's pad, so the sheet carries their hand beside their decision.
        await Ui.GotoAsync(page, "/profile");
        var pad = page.Locator("[data-testid=profile-signature-pad]");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 30);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 90, box.Y + 70, new() { Steps = 8 });
        await page.Mouse.MoveAsync(box.X + 160, box.Y + 20, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.Locator("[data-testid=profile-signature-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=profile-signature-preview]")).ToBeVisibleAsync();

        await Ui.GotoAsync(page, $"/projects/{projectId}");
        await Expect(page.Locator($"[data-testid=project-sheet][data-run='{run}'] [data-testid=project-sheet-print]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("打印审批单"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid=project-sheet][data-run='{run}'] [data-testid=project-sheet-pdf]").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"sheet-{run:N}.pdf");
        await download.SaveAsAsync(file);

        using (var pdf = PdfDocument.Open(file))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("审批单", text, StringComparison.Ordinal);
            Assert.Contains("漯河归档食品有限公司", text, StringComparison.Ordinal);
            var users = await admin.GetFromJsonAsync<JsonObject>("/api/users?pageSize=200");
            foreach (var decision in decisions)
            {
                var actor = decision["actor"]!.GetValue<string>();
                var person = users!["items"]!.AsArray().OfType<JsonObject>().Single(u => u["userName"]!.GetValue<string>() == actor)["displayName"]!.GetValue<string>();
                Assert.Contains(person.Replace(" ", "", StringComparison.Ordinal), text, StringComparison.Ordinal);
                Assert.Contains(Outcomes[decision["outcome"]!.GetValue<string>()], text, StringComparison.Ordinal);
                if (decision["comment"]?.GetValue<string>() is { Length: > 0 } comment)
                {
                    Assert.Contains(comment, text, StringComparison.Ordinal);
                }
            }
            Assert.True(pdf.GetPages().Sum(p => p.GetImages().Count()) >= 1, "The leader's signature is on the sheet.");
        }
        File.Delete(file);

        // The HTML sheet opens in a tab of its own, ready to print.
        var sheet = await page.Context.RunAndWaitForPageAsync(() => page.Locator($"[data-testid=project-sheet][data-run='{run}'] [data-testid=project-sheet-print]").ClickAsync());
        await Expect(sheet.Locator("h1")).ToHaveTextAsync("审批单");
        await Expect(sheet.Locator("[data-testid=sheet-steps] tbody tr")).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
    }
}
