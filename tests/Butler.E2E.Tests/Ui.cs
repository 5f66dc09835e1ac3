using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Butler.E2E.Tests;

/// <summary>What a person does in the browser, shared by the scenarios: sign in, choose a language, wait for the page to be live.</summary>
public static partial class Ui
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    /// <summary>Signs in from the sign-in page after choosing the language there, as a person would; lands on my tasks.</summary>
    public static async Task SignInAsync(IPage page, string userName, string language, string returnUrl = "/tasks")
    {
        await page.GotoAsync($"/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        // The demo users' own language is Chinese; the app bar's choice (a cookie) outranks it.
        if (language == English)
        {
            await page.Locator("a[lang='en']:visible").ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        }
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(ButlerServer.Password);
        await page.Locator("form button[type='submit']").ClickAsync();
        // Hashing the password and the first render of the page behind it share two cores with the demo district's
        // escalations, which all fire in the first minute after start: the landing may take longer than one wait.
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 45_000 });
        await InteractiveAsync(page);
    }

    /// <summary>Waits until the page's Blazor circuit is connected: before that, clicks land on the prerendered HTML and do nothing.</summary>
    public static Task InteractiveAsync(IPage page) =>
        page.Locator("[data-butler-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task GotoAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await InteractiveAsync(page);
    }

    /// <summary>The words a page shows in the given language.</summary>
    public static string Text(string language, string chinese, string english) => language == English ? english : chinese;

    /// <summary>Saves a screenshot of the page into <c>docs/screenshots/</c>, shown in the README.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Butler.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("Butler.slnx not found above the test's output folder.");
    }
}
