using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Butler.TimerBench;
using Butler.Workflows.Persistence;
using Microsoft.Playwright;

// How long the web app's pages take to show on the demo district, in real headless Chromium: for each page, the time to the
// first byte of the prerendered HTML, to the first contentful paint, and until the interactive circuit is live.
// Usage: dotnet run -c Release --project bench/Butler.PageBench -- [--runs 10] [--host path/to/Butler.Host.dll] [--out report.md]
var runs = 10;
string? hostDll = null;
string? output = null;
for (var i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--host": hostDll = args[i + 1]; break;
        case "--out": output = args[i + 1]; break;
        default: throw new ArgumentException($"Unknown option {args[i]}.");
    }
}
hostDll ??= Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Host", "bin", "Release", "net10.0", "Butler.Host.dll"));
const string Password = "Bench-password-2026";
var chromium = Environment.GetEnvironmentVariable("BUTLER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

var data = Directory.CreateTempSubdirectory("butler-pagebench-").FullName;
await using var host = await HostProcess.StartAsync(hostDll, data, DatabaseProvider.Sqlite, null, Password,
    [new("Butler__DemoDistrict", "true"), new("Logging__LogLevel__Default", "Warning")]);
using var api = new HttpClient { BaseAddress = host.Address };

async Task<JsonElement> GetAsync(string user, string url)
{
    using var token = await api.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password });
    var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    request.Headers.Authorization = new("Bearer", access);
    using var response = await api.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}

var task = (await GetAsync("squad", "/api/tasks")).GetProperty("items")[0].GetProperty("id").GetString();
var project = (await GetAsync("admin", "/api/projects")).GetProperty("items")[0].GetProperty("id").GetString();
var instance = (await GetAsync("admin", "/api/workflow-instances")).GetProperty("items")[0].GetProperty("id").GetString();
(string User, string Path)[] pages =
[
    ("squad", "/tasks"),
    ("squad", $"/tasks/{task}"),
    ("leader", "/approvals"),
    ("admin", "/projects"),
    ("admin", $"/projects/{project}"),
    ("admin", "/dashboard?year=2025"),
    ("admin", "/admin/users"),
    ("admin", "/admin/instances"),
    ("admin", $"/admin/instances/{instance}"),
    ("squad", "/profile"),
    ("admin", "/designer"),
    ("admin", "/designer/butler-pipeline"),
];

// The designer's editor is ready when its data is drawn, not merely when the circuit is live: it reads the definition
// only once live, so it is ready when the canvas is drawn and the validator has answered. Every other page (the designer's
// list too) has its data in the prerendered HTML and is ready when live.
static string ReadySelector(string url) => url switch
{
    "/designer/butler-pipeline" => "[data-testid=designer-valid]",
    _ => "[data-butler-interactive='true']",
};

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
var contexts = new Dictionary<string, IBrowserContext>();
async Task<IPage> PageOfAsync(string user)
{
    if (!contexts.TryGetValue(user, out var context))
    {
        context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address.ToString(), Locale = "zh-CN" });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/signin");
        await signIn.Locator("#username").FillAsync(user);
        await signIn.Locator("#password").FillAsync(Password);
        await signIn.Locator("form button[type='submit']").ClickAsync();
        await signIn.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await signIn.CloseAsync();
        contexts[user] = context;
    }
    return await context.NewPageAsync();
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Pages of the demo district, {runs} loads each after one warm-up load, headless Chromium, host in Release on SQLite.");
report.AppendLine();
foreach (var (name, value) in MachineInfo.Describe())
{
    report.AppendLine(CultureInfo.InvariantCulture, $"- {name}: {value}");
}
report.AppendLine();
report.AppendLine("| Page | User | First byte p50 / p90 / max (ms) | First paint p50 / p90 / max (ms) | Interactive p50 / p90 / max (ms) |");
report.AppendLine("| --- | --- | --- | --- | --- |");
foreach (var (user, url) in pages)
{
    var page = await PageOfAsync(user);
    var firstByte = new List<double>();
    var paint = new List<double>();
    var interactive = new List<double>();
    for (var run = -1; run < runs; run++)
    {
        var clock = Stopwatch.StartNew();
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        if (response is null || !response.Ok || response.Url.Contains("/signin", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{url} as {user}: {response?.Status} {response?.Url}");
        }
        await page.Locator(ReadySelector(url)).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var live = clock.Elapsed.TotalMilliseconds;
        var timing = await page.EvaluateAsync<double[]>(
            "() => [performance.getEntriesByType('navigation')[0].responseStart, (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime]");
        if (run < 0)
        {
            continue;
        }
        firstByte.Add(timing[0]);
        paint.Add(timing[1]);
        interactive.Add(live);
    }
    string Cell(List<double> values)
    {
        var stats = new Stats(values);
        return $"{Stats.Ms(stats.P(50))} / {Stats.Ms(stats.P(90))} / {Stats.Ms(stats.Max)}";
    }
    var shown = url.Length > 40 ? url[..url.LastIndexOf('/')] + "/{id}" : url;
    report.AppendLine(CultureInfo.InvariantCulture, $"| `{shown}` | {user} | {Cell(firstByte)} | {Cell(paint)} | {Cell(interactive)} |");
    await page.CloseAsync();
    Console.Error.WriteLine($"{shown}: done");
}
Console.WriteLine(report);
if (output is not null)
{
    await File.WriteAllTextAsync(output, report.ToString());
}
