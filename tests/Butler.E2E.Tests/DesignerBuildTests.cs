using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// The designer's acceptance scenario: an administrator builds Start → HumanTask → Approval → End with the mouse and the
/// keyboard, meets the validator's complaint about a connection left dangling, fixes it and publishes; the API then
/// serves the new version and an instance runs on it.
/// </summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DesignerBuildTests(ButlerServer server)
{
    [Fact]
    public async Task An_admin_builds_a_workflow_by_mouse_and_keyboard_fixes_a_dangling_connection_and_publishes_it()
    {
        const string id = "e2e-permit-review";
        var page = await server.NewPageAsync(width: 1600, height: 1000);
        await Ui.SignInAsync(page, "admin", Ui.English, "/designer");
        try
        {
            await BuildAsync(page, id);
        }
        catch
        {
            // What the browser showed and what the host wrote, for whoever reads the failure.
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "butler-designer-failure.png") });
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "butler-designer-failure.log"), server.HostLog);
            throw;
        }
        await page.Context.CloseAsync();
    }

    private async Task BuildAsync(IPage page, string id)
    {
        // Create: an id and a name. A new workflow is Start → End; the end is taken away to build the middle.
        await CreateAsync(page, id);
        await Expect(page.Locator("[data-testid=node-start]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=node-end]").ClickAsync();
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.Locator("[data-testid=node-end]")).ToHaveCountAsync(0);

        // The task is dragged from the toolbox onto the canvas with the mouse...
        var canvas = page.Locator("[data-testid=designer-canvas]");
        await page.Locator("[data-testid=tool-HumanTask]").DragToAsync(canvas, new() { TargetPosition = new() { X = 330, Y = 120 } });
        await Expect(page.Locator("[data-testid=node-humanTask]")).ToBeVisibleAsync();
        // ...and filled in with the keyboard in its property panel: title, assignee, due in 3 working days, a reminder a
        // working day before, and an escalation to the responsible leader when it is overdue.
        await page.Locator("[data-testid=prop-title-input]").FillAsync("Review the permit file");
        await page.Locator("[data-testid=prop-assignee-kind]").SelectOptionAsync("role");
        await page.Locator("[data-testid=prop-assignee-role]").SelectOptionAsync("Squad");
        await page.Locator("[data-testid=prop-due-input]").FillAsync("3wd");
        await Expect(page.Locator("[data-testid=prop-due-input-preview]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=prop-reminders-add]").PressAsync("Enter");
        await Expect(page.Locator("[data-testid=prop-reminder-0]")).ToHaveValueAsync("-1wd");
        await page.Locator("[data-testid=prop-escalation-add]").PressAsync("Enter");
        await page.Locator("[data-testid=prop-escalation-0-notify-responsibleLeader]").CheckAsync();

        // The approval and the end are added with the keyboard: focus the tool, press Enter.
        await page.Locator("[data-testid=tool-Approval]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=node-approval]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=prop-approvers-add]").PressAsync("Enter");
        await page.Locator("[data-testid=prop-approvers-0-kind]").SelectOptionAsync("role");
        await page.Locator("[data-testid=prop-approvers-0-role]").SelectOptionAsync("Leader");
        await page.Locator("[data-testid=tool-End]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=node-end]")).ToBeVisibleAsync();

        // Everything in view, then connections are drawn with the mouse from an outcome's port to the next activity.
        await page.Locator("[data-testid=designer-fit]").ClickAsync();
        await ConnectAsync(page, "start", "Done", "humanTask");
        await ConnectAsync(page, "humanTask", "Done", "approval");

        // The approval's Approve is let go in the open: a dangling connection, which the validator names, on the
        // canvas and in the list, and publishing waits.
        var approve = await PortCentreAsync(page, "approval", "Approve");
        await page.Mouse.MoveAsync(approve.X, approve.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(approve.X + 60, approve.Y + 160, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        var dangling = page.Locator("[data-testid=designer-problem]").Filter(new() { HasText = "target" });
        await Expect(dangling).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=node-problem-approval]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=designer-publish]")).ToBeDisabledAsync();
        await Ui.ScreenshotAsync(page, "designer-dangling-en");

        // Fixed with the keyboard: the problem selects the approval, whose Approve is pointed at the end.
        await dangling.Locator("button").ClickAsync();
        await page.Locator("[data-testid=connect-approval-Approve]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "End (end)" }).ClickAsync();
        await Expect(page.Locator("[data-testid=designer-valid]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=designer-problem]")).ToHaveCountAsync(0);

        // Save with Ctrl+S on the canvas, then publish: the dialog says no instance has run yet.
        await page.Locator("[data-testid=designer-canvas]").FocusAsync();
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page.Locator("[data-testid=designer-dirty]")).ToHaveTextAsync("All changes saved");
        await page.Locator("[data-testid=designer-publish]").ClickAsync();
        await Expect(page.Locator("[data-testid=publish-counts]")).ToContainTextAsync("No instance has run yet.");
        await page.Locator("[data-testid=publish-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=designer-version]")).ToContainTextAsync("Version 1 · Published");
        await Ui.ScreenshotAsync(page, "designer-published-en");

        // The API serves the published version as built...
        var api = await server.ApiClientAsync("admin");
        var definition = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{id}"))!;
        Assert.True((bool)definition["isPublished"]!);
        Assert.Equal(1, (int)definition["version"]!);
        var task = definition["activities"]!.AsArray().Single(a => (string?)a!["type"] == "HumanTask")!;
        Assert.Equal("3wd", (string?)task["inputs"]!["due"]);
        Assert.Equal("-1wd", (string?)task["inputs"]!["reminders"]![0]);
        Assert.Equal("responsibleLeader", (string?)task["inputs"]!["escalation"]![0]!["notify"]![0]);
        var connections = definition["connections"]!.AsArray()
            .Select(c => $"{c!["source"]}:{c["outcome"]}->{c["target"]}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["approval:Approve->end", "humanTask:Done->approval", "start:Done->humanTask"], connections);

        // ...and an instance runs on it: it waits on the task, assigned to the squad, due in three working days.
        using var started = await api.PostAsJsonAsync("/api/workflow-instances/", new { definitionId = id, input = new { responsibleLeader = "leader" } });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var instanceId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var instance = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!;
        Assert.Equal(1, (int)instance["version"]!);
        Assert.Equal("Running", (string?)instance["status"]);
        Assert.Contains(instance["bookmarks"]!.AsArray(), b => (string?)b!["activityId"] == "humanTask");
    }

    private static async Task CreateAsync(IPage page, string id)
    {
        await page.Locator("[data-testid=designer-create]").ClickAsync();
        await page.Locator("#create-id").FillAsync(id);
        await page.Locator("#create-name").FillAsync("Permit review (E2E)");
        await page.Locator("[data-testid=create-submit]").ClickAsync();
        await page.WaitForURLAsync($"**/designer/{id}");
        await Ui.InteractiveAsync(page);
    }

    private static async Task<(float X, float Y)> PortCentreAsync(IPage page, string activity, string? outcome)
    {
        var port = outcome is null
            ? page.Locator($"[data-testid=node-{activity}] .bd-port-in")
            : page.Locator($"[data-testid=outcome-{activity}-{outcome}] + .bd-port-out");
        var box = (await port.BoundingBoxAsync())!;
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    private static async Task ConnectAsync(IPage page, string from, string outcome, string to)
    {
        var start = await PortCentreAsync(page, from, outcome);
        var end = await PortCentreAsync(page, to, null);
        await page.Mouse.MoveAsync(start.X, start.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((start.X + end.X) / 2, (start.Y + end.Y) / 2, new() { Steps = 5 });
        await page.Mouse.MoveAsync(end.X, end.Y, new() { Steps = 5 });
        await page.Mouse.UpAsync();
    }
}
