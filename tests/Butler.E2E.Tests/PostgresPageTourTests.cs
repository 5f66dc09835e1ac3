using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// The page tour once more with the host on PostgreSQL, the production choice: the demo district seeds there and every
/// main page opens for the role it is for. Desktop width only, no screenshots: layout and accessibility do not depend on
/// the database, what the pages read does.
/// </summary>
[Collection(PostgresButlerServerCollection.Name)]
[Trait("Category", "E2E")]
[Trait("Category", "Postgres")]
public sealed class PostgresPageTourTests(PostgresButlerServer server)
{
    [Fact]
    public async Task Every_main_page_shows_with_the_host_on_PostgreSQL()
    {
        var pages = PageTourTests.Pages().Select(row => (Name: (string)row[0], User: (string)row[1], Address: (string)row[2])).ToList();
        foreach (var user in pages.Select(p => p.User).Distinct(StringComparer.Ordinal))
        {
            IPage? page = null;
            foreach (var (name, _, address) in pages.Where(p => p.User == user))
            {
                var url = await PageTourTests.FillAsync(server, address);
                if (page is null)
                {
                    page = await server.NewPageAsync();
                    await Ui.SignInAsync(page, user, Ui.Chinese, url);
                }
                else
                {
                    await Ui.GotoAsync(page, url);
                }
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }
            await page!.Context.CloseAsync();
        }

        // Neither the start on an empty database (migrations, the demo district) nor any page logged a failure.
        var failures = server.HostLog.Split('\n').Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, $"The host logged failures:{Environment.NewLine}{server.HostLog}");
    }
}
