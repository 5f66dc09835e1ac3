using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>Who may open what, as the browser sees it.</summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class AccessTests(ButlerServer server)
{
    [Theory]
    [InlineData(Ui.Chinese, "/admin")]
    [InlineData(Ui.English, "/admin/users")]
    public async Task A_squad_member_cannot_open_the_admin_pages(string language, string path)
    {
        var page = await server.NewPageAsync();
        await Ui.SignInAsync(page, "squad", language);

        // The navigation does not offer them...
        await Expect(page.Locator($"nav a[href='{path.TrimStart('/')}']")).ToHaveCountAsync(0);
        // ...and typing the address is refused, not served.
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/denied"));
        await Expect(page.GetByText(Ui.Text(language, "您无权打开此页面。", "You may not open this page."))).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Ui.Chinese)]
    [InlineData(Ui.English)]
    public async Task A_squad_member_sees_only_the_tasks_and_projects_of_their_own_squad(string language)
    {
        // squad3 serves the biomedicine chain; the late probiotics project belongs to the health-food squad.
        var page = await server.NewPageAsync();
        await Ui.SignInAsync(page, "squad3", language);
        await Expect(page.Locator("[data-testid=task-row]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=task-row]").Filter(new() { HasText = "豫康医疗用品有限公司" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=task-row]").Filter(new() { HasText = "漯河益康生物科技有限公司" })).ToHaveCountAsync(0);

        await page.Locator("nav a[href='projects']").ClickAsync();
        await Expect(page.Locator("[data-testid=project-row]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=project-row]").Filter(new() { HasText = "漯河益康生物科技有限公司" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_open_page_of_an_account_locked_meanwhile_goes_back_to_sign_in_within_seconds()
    {
        var admin = await server.ApiClientAsync("admin");
        var name = "locked-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await admin.PostAsJsonAsync("/api/users", new { userName = name, roles = new[] { "Squad" }, password = ButlerServer.Password }))
        {
            created.EnsureSuccessStatusCode();
        }
        var page = await server.NewPageAsync();
        await Ui.SignInAsync(page, name, Ui.Chinese);

        using (var locked = await admin.PostAsync($"/api/users/{name}/lock", null))
        {
            locked.EnsureSuccessStatusCode();
        }

        // The circuit checks its user every Butler:Auth:SessionCheckInterval (5 s); the wait is a deadline, not a timing.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"), new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Ui.Chinese)]
    [InlineData(Ui.English)]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string language)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?ReturnUrl=%2Fdashboard"));
        if (language == Ui.English)
        {
            await page.Locator("a[lang='en']:visible").ClickAsync();
        }
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Ui.Text(language, "登录", "Sign in"));
        await page.Context.CloseAsync();
    }
}
