using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// Every main page, opened by the role it is for, at desktop width and at a 360 px phone: it shows its heading, needs no
/// sideways scrolling on the phone, and leaves a screenshot in <c>docs/screenshots/</c> for the README.
/// </summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class PageTourTests(ButlerServer server)
{
    public static TheoryData<string, string, string> Pages() => new()
    {
        // name of the screenshot, user, address ({project}, {task} and {instance} are filled from the demo data)
        { "my-tasks", "squad", "/tasks" },
        { "task", "squad", "/tasks/{task}" },
        { "approvals", "leader", "/approvals" },
        { "projects", "leader", "/projects" },
        { "project", "leader", "/projects/{project}" },
        { "dashboard", "admin", "/dashboard?year=2025" },
        { "admin", "admin", "/admin" },
        { "admin-users", "admin", "/admin/users" },
        { "admin-calendar", "admin", "/admin/calendar" },
        { "admin-instance", "admin", "/admin/instances/{instance}" },
        { "profile", "squad", "/profile" },
        { "designer", "admin", "/designer" },
        { "designer-editor", "admin", "/designer/project-problem" },
        { "designer-versions", "admin", "/designer/butler-pipeline/versions" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_main_page_shows_at_desktop_and_phone_width(string name, string user, string address)
    {
        var url = await FillAsync(server, address);
        foreach (var phone in new[] { false, true })
        {
            var page = await server.NewPageAsync(phone);
            await Ui.SignInAsync(page, user, Ui.Chinese, url);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (phone)
            {
                var overflow = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{url} is {overflow} px wider than a 360 px phone.");
                // The navigation drawer starts closed on a phone: the page's own heading is what the person sees first.
                await Expect(page.Locator(".mud-drawer--open")).ToHaveCountAsync(0);
            }
            else
            {
                // axe-core's WCAG 2 A/AA rules (labels, names, contrast, landmarks): nothing serious or critical.
                var axe = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa") });
                var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
                Assert.True(serious.Count == 0, $"{url}:\n{string.Join("\n", serious)}");
            }
            await Ui.ScreenshotAsync(page, $"{name}-{(phone ? "phone" : "desktop")}");
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The page's address with its placeholders filled from the demo data the server holds.</summary>
    internal static async Task<string> FillAsync(ButlerServer server, string address)
    {
        if (!address.Contains('{', StringComparison.Ordinal))
        {
            return address;
        }
        using var squad = await server.ApiClientAsync("squad");
        using var admin = await server.ApiClientAsync("admin");
        var tasks = await squad.GetFromJsonAsync<JsonElement>("/api/tasks");
        var projects = await admin.GetFromJsonAsync<JsonElement>("/api/projects?stage=construction");
        var instances = await admin.GetFromJsonAsync<JsonElement>("/api/workflow-instances?definitionId=butler-pipeline");
        return address
            .Replace("{task}", tasks.GetProperty("items")[0].GetProperty("id").GetString(), StringComparison.Ordinal)
            .Replace("{project}", projects.GetProperty("items")[0].GetProperty("id").GetString(), StringComparison.Ordinal)
            .Replace("{instance}", instances.GetProperty("items")[0].GetProperty("id").GetString(), StringComparison.Ordinal);
    }
}
