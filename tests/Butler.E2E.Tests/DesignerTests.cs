using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>The workflow designer, driven with the mouse and the keyboard as an administrator would.</summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DesignerTests(ButlerServer server)
{
    [Fact]
    public async Task The_shipped_butler_pipeline_opens_on_the_canvas_with_every_activity_and_no_problem()
    {
        var page = await server.NewPageAsync();
        await Ui.SignInAsync(page, "admin", Ui.English, "/designer/butler-pipeline");
        await Expect(page.Locator("[data-testid=designer-title]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid^=node-]:not([data-testid^=node-problem])")).ToHaveCountAsync(16);
        await Expect(page.Locator("[data-testid=designer-valid]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=designer-dirty]")).ToHaveTextAsync("All changes saved");
        await Ui.ScreenshotAsync(page, "designer-en");
        await page.Context.CloseAsync();
    }
}
