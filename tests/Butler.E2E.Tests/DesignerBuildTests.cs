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
        var api = await server.ApiClientAsync("admin");
        var page = await server.NewPageAsync(width: 1600, height: 1000);
        await Ui.SignInAsync(page, "admin", Ui.English, "/designer");

        // Create: an id and a name, nothing else.
        using (var created = await api.PostAsJsonAsync("/api/workflow-definitions", new { id, name = "Permit review", activities = new[] { new { id = "start", type = "Start", position = new { x = 40, y = 120 } } } }))
        {
            created.EnsureSuccessStatusCode();
        }
        await Ui.GotoAsync(page, $"/designer/{id}");
        await Expect(page.Locator("[data-testid=node-start]")).ToBeVisibleAsync();

        // The task is dragged from the toolbox onto the canvas with the mouse...
        var canvas = page.Locator("[data-testid=designer-canvas]");
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Locator("[data-testid=tool-HumanTask]").DragToAsync(canvas, new() { TargetPosition = new() { X = 330, Y = 120 } });
        await Ui.ScreenshotAsync(page, "debug-drag");
        File.WriteAllText("/tmp/hostlog.txt", server.HostLog);
        await Expect(page.Locator("[data-testid=node-humanTask]")).ToBeVisibleAsync();
        // ...the approval and the end are added with the keyboard: focus the tool, press Enter.
        await page.Locator("[data-testid=tool-Approval]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=node-approval]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=tool-End]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=node-end]")).ToBeVisibleAsync();

        // Connections are drawn with the mouse from an outcome's port to the next activity.
        await ConnectAsync(page, "start", "Done", "humanTask");
        await ConnectAsync(page, "humanTask", "Done", "approval");
        await Ui.ScreenshotAsync(page, "designer-building-en");

        // The approval's "approve" is let go in the open: a dangling connection, which the validator names.
        var approve = await PortCentreAsync(page, "approval", "approve");
        await page.Mouse.MoveAsync(approve.X, approve.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(approve.X + 60, approve.Y + 140, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Expect(page.Locator("[data-testid=designer-problem]").Filter(new() { HasText = "target" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=designer-publish]")).ToBeDisabledAsync();

        await Ui.ScreenshotAsync(page, "designer-dangling-en");
    }

    private static async Task CreateAsync(IPage page, string id)
    {
        await page.Locator("[data-testid=designer-create]").ClickAsync();
        await page.Locator("[data-testid=create-id] input").FillAsync(id);
        await page.Locator("[data-testid=create-name] input").FillAsync("Permit review (E2E)");
        await page.Keyboard.PressAsync("Enter");
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
