using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>The workflow designer on the shipped definitions, as an administrator uses it.</summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DesignerTests(ButlerServer server)
{
    private const string ActivityNodes = "[data-testid^=node-]:not([data-testid^=node-problem])";

    [Theory]
    [InlineData(Ui.English)]
    [InlineData(Ui.Chinese)]
    public async Task The_shipped_butler_pipeline_opens_without_overlaps_lays_out_readably_and_saves_back_unchanged(string language)
    {
        var api = await server.ApiClientAsync("admin");
        var page = await server.NewPageAsync(width: 1600, height: 1000);
        await Ui.SignInAsync(page, "admin", language, "/designer/butler-pipeline");
        await Expect(page.Locator(ActivityNodes)).ToHaveCountAsync(16);
        await Expect(page.Locator("[data-testid=designer-valid]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=designer-dirty]")).ToHaveTextAsync(Ui.Text(language, "已全部保存", "All changes saved"));
        await AssertNoOverlapAsync(page);
        await Ui.ScreenshotAsync(page, $"designer-pipeline-{language}");

        if (language == Ui.English)
        {
            // Saved as it was opened: the new draft holds exactly the published definition.
            var published = (await api.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/butler-pipeline"))!;
            await page.Locator("[data-testid=designer-save]").ClickAsync();
            await Expect(page.Locator("[data-testid=designer-version]")).ToContainTextAsync($"Version {(int)published["version"]! + 1} · Draft");
            var draft = (await api.GetFromJsonAsync<JsonObject>("/api/workflow-definitions/butler-pipeline"))!;
            foreach (var part in new[] { "name", "description", "variables", "activities", "connections" })
            {
                Assert.Equal(published[part]!.ToJsonString(), draft[part]!.ToJsonString());
            }
            using var deleted = await api.DeleteAsync("/api/workflow-definitions/butler-pipeline/draft");
            Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        }

        // The automatic layout keeps every activity apart too.
        await page.Locator("[data-testid=designer-layout]").ClickAsync();
        await Expect(page.Locator("[data-testid=designer-dirty]")).ToHaveTextAsync(Ui.Text(language, "有未保存的修改", "Unsaved changes"));
        await AssertNoOverlapAsync(page);

        // Unsaved, a click elsewhere asks first: Stay keeps the work on the page, Leave anyway goes.
        await page.Locator("nav a[href='tasks']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Ui.Text(language, "留在此页", "Stay") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/designer/butler-pipeline$"));
        await Expect(page.Locator("[data-testid=designer-dirty]")).ToHaveTextAsync(Ui.Text(language, "有未保存的修改", "Unsaved changes"));
        await page.Locator("nav a[href='tasks']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Ui.Text(language, "仍然离开", "Leave anyway") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tasks$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_test_run_of_the_dispatch_workflow_fires_the_reminder_now_holds_its_mail_and_finishes_when_the_task_is_done()
    {
        var api = await server.ApiClientAsync("admin");
        var instancesBefore = (await api.GetFromJsonAsync<JsonObject>("/api/workflow-instances/?pageSize=1"))!["total"]!.GetValue<int>();
        var mailsBefore = server.Smtp.Messages.Count;
        var page = await server.NewPageAsync(width: 1600, height: 1000);
        await Ui.SignInAsync(page, "admin", Ui.English, "/designer/dispatch-action");
        await page.Locator("[data-testid=designer-testrun]").ClickAsync();
        await Expect(page.Locator("[data-testid=sandbox-banner]")).ToBeVisibleAsync();

        await page.Locator("textarea[data-testid=sandbox-input]").FillAsync("""
            { "decision": { "title": "Road access", "assignee": "squad", "leader": "leader", "dueAt": "2026-12-10T18:00:00+08:00" },
              "responsibleLeader": "leader" }
            """);
        await page.Locator("[data-testid=sandbox-start]").ClickAsync();
        var task = page.Locator("[data-testid=sandbox-task-carryOut]");
        await Expect(task).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=node-carryOut]")).ToContainTextAsync("Waiting here");

        // The reminder fires now; its mail is held in the run and listed, not sent.
        await page.Locator("[data-testid^=sandbox-fire-]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=sandbox-mails]")).ToContainTextAsync("squad");

        await task.GetByLabel("What was done").FillAsync("Access road agreed with the village");
        await page.Locator("[data-testid=sandbox-complete-carryOut-Done]").ClickAsync();
        await Expect(page.Locator("[data-testid=sandbox-status]")).ToHaveAttributeAsync("data-status", "completed");
        await Ui.ScreenshotAsync(page, "designer-testrun-en");

        // Nothing reached the real district: no instance, no mail.
        Assert.Equal(instancesBefore, (await api.GetFromJsonAsync<JsonObject>("/api/workflow-instances/?pageSize=1"))!["total"]!.GetValue<int>());
        Assert.Equal(mailsBefore, server.Smtp.Messages.Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Several_activities_are_selected_copied_pasted_undone_redone_and_deleted_with_the_keyboard()
    {
        const string id = "e2e-copy-paste";
        var api = await server.ApiClientAsync("admin");
        using (var created = await api.PostAsJsonAsync("/api/workflow-definitions", new
        {
            id,
            name = "Copy and paste",
            activities = new object[]
            {
                new { id = "start", type = "Start", position = new { x = 20, y = 40 } },
                new { id = "review", type = "HumanTask", name = "Review", inputs = new { title = "Review", assignee = new { role = "Squad" } }, position = new { x = 220, y = 40 } },
                new { id = "end", type = "End", position = new { x = 420, y = 40 } },
            },
            connections = new[] { new { source = "start", outcome = "Done", target = "review" }, new { source = "review", outcome = "Done", target = "end" } },
        }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        var page = await server.NewPageAsync(width: 1600, height: 1000);
        await Ui.SignInAsync(page, "admin", Ui.English, $"/designer/{id}");
        await Expect(page.Locator(ActivityNodes)).ToHaveCountAsync(3);

        // Click one, Ctrl+click another: both selected; copy, paste.
        await page.Locator("[data-testid=node-review] .bd-node-name").ClickAsync();
        await page.Locator("[data-testid=node-end] .bd-node-name").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await Expect(page.GetByText("2 activities selected.")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Control+c");
        await page.Keyboard.PressAsync("Control+v");
        await Expect(page.Locator(ActivityNodes)).ToHaveCountAsync(5);
        await Expect(page.Locator("[data-testid=node-review2]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=node-end2]")).ToBeVisibleAsync();

        // Undo takes the paste back, redo brings it again.
        await page.Keyboard.PressAsync("Control+z");
        await Expect(page.Locator(ActivityNodes)).ToHaveCountAsync(3);
        await page.Keyboard.PressAsync("Control+y");
        await Expect(page.Locator(ActivityNodes)).ToHaveCountAsync(5);

        // Select the pasted pair; Delete removes it, and the copy's own connection with it.
        await page.Locator("[data-testid=node-review2] .bd-node-name").ClickAsync();
        await page.Locator("[data-testid=node-end2] .bd-node-name").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.Locator(ActivityNodes)).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=node-review2]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=designer-valid]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_version_history_compares_two_versions_and_reverts_to_the_first()
    {
        const string id = "e2e-history";
        var api = await server.ApiClientAsync("admin");
        object Version(bool withTask) => new
        {
            id,
            name = "History",
            activities = withTask
                ? new object[]
                {
                    new { id = "start", type = "Start" },
                    new { id = "check", type = "HumanTask", inputs = new { title = "Check", assignee = new { role = "Squad" } } },
                    new { id = "end", type = "End" },
                }
                : [new { id = "start", type = "Start" }, new { id = "end", type = "End" }],
            connections = withTask
                ? new[] { new { source = "start", outcome = "Done", target = "check" }, new { source = "check", outcome = "Done", target = "end" } }
                : [new { source = "start", outcome = "Done", target = "end" }],
        };
        (await api.PostAsJsonAsync("/api/workflow-definitions", Version(false))).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/workflow-definitions/{id}/publish", null)).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync($"/api/workflow-definitions/{id}", Version(true))).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/workflow-definitions/{id}/publish", null)).EnsureSuccessStatusCode();

        var page = await server.NewPageAsync(width: 1600, height: 1000);
        await Ui.SignInAsync(page, "admin", Ui.English, $"/designer/{id}/versions");
        await page.Locator("[data-testid=select-v1]").ClickAsync();
        await page.Locator("[data-testid=select-v2]").ClickAsync();
        await page.Locator("[data-testid=versions-compare]").ClickAsync();
        await Expect(page.Locator("[data-testid=diff-activity-added-check]")).ToContainTextAsync("Added");
        await Expect(page.Locator("[data-testid=diff-connection-removed]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=diff-connection-added]")).ToHaveCountAsync(2);

        await page.Locator("[data-testid=revert-v1]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revert to this version" }).ClickAsync();
        await page.WaitForURLAsync($"**/designer/{id}");
        await Expect(page.Locator("[data-testid=designer-version]")).ToContainTextAsync("Version 3 · Draft");
        await Expect(page.Locator(ActivityNodes)).ToHaveCountAsync(2);
        var draft = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}"))!;
        var first = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}?version=1"))!;
        Assert.Equal(first["activities"]!.ToJsonString(), draft["activities"]!.ToJsonString());
        Assert.Equal(first["connections"]!.ToJsonString(), draft["connections"]!.ToJsonString());
        await page.Context.CloseAsync();
    }

    /// <summary>No two activities on the canvas cover each other, as drawn in the browser.</summary>
    private static async Task AssertNoOverlapAsync(IPage page)
    {
        var boxes = new List<(string Id, LocatorBoundingBoxResult Box)>();
        foreach (var node in await page.Locator(ActivityNodes).AllAsync())
        {
            boxes.Add((await node.GetAttributeAsync("data-testid") ?? "", (await node.BoundingBoxAsync())!));
        }
        foreach (var (id, a) in boxes)
        {
            foreach (var (other, b) in boxes.Where(x => x.Id != id))
            {
                var apart = a.X + a.Width <= b.X + 0.5 || b.X + b.Width <= a.X + 0.5 || a.Y + a.Height <= b.Y + 0.5 || b.Y + b.Height <= a.Y + 0.5;
                Assert.True(apart, $"{id} overlaps {other}");
            }
        }
    }
}
