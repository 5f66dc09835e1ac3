using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Microsoft.Playwright;

namespace Butler.E2E.Tests;

/// <summary>
/// Butler as a user runs it: the host as its own process on SQLite (<see cref="PostgresButlerServer"/>: PostgreSQL) with
/// the demo district, a real SMTP server for its mail, and one headless Chromium for the tests' pages.
/// </summary>
public class ButlerServer : IAsyncLifetime
{
    public const string Password = "E2e-password-2026";

    private readonly DatabaseProvider _provider;
    private string? _connectionString;

    public ButlerServer()
        : this(DatabaseProvider.Sqlite)
    {
    }

    /// <summary>The host on the given database; PostgreSQL gets a new database on the tests' <see cref="PostgresServer"/>.</summary>
    protected ButlerServer(DatabaseProvider provider) => _provider = provider;

    public DatabaseProvider Provider => _provider;

    /// <summary>Chromium from the distribution (Debian's <c>chromium</c>); <c>./test.sh</c> installs it where missing.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("BUTLER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("butler-e2e-").FullName;
    private readonly StringBuilder _hostLog = new();
    private readonly int _port = FreePort();
    private Process? _host;
    private IPlaywright? _playwright;

    public SmtpTestServer Smtp { get; } = new();

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>What the host wrote, for a failing test's message.</summary>
    public string HostLog
    {
        get
        {
            lock (_hostLog)
            {
                return _hostLog.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: install Debian's chromium package (./test.sh does) or set BUTLER_CHROMIUM.");
        }
        await Smtp.StartAsync();
        if (_provider == DatabaseProvider.PostgreSql)
        {
            _connectionString = PostgresServer.Instance.CreateDatabase("e2e");
        }
        StartHost();
        await WaitForHealthAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) at desktop or phone size.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false, int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 760 } : new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A bearer-token client of a demo user, for a test to look at the data behind a page.</summary>
    public async Task<HttpClient> ApiClientAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }
        _host?.Dispose();
        if (_connectionString is not null)
        {
            PostgresServer.Instance.DropDatabase(_connectionString);
        }
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed host still held open only leaves a temp folder behind.
        }
    }

    private void StartHost()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Butler.Host.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["Butler__DataDirectory"] = _dataDirectory;
        start.Environment["Butler__Database__Provider"] = _provider.ToString();
        if (_connectionString is not null)
        {
            start.Environment["ConnectionStrings__Butler"] = _connectionString;
        }
        start.Environment["Butler__Demo"] = "true";
        start.Environment["Butler__DemoDistrict"] = "true";
        start.Environment["Butler__DemoPassword"] = Password;
        start.Environment["Butler__Smtp__Host"] = SmtpTestServer.Host;
        start.Environment["Butler__Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Butler__Smtp__Security"] = "None";
        start.Environment["Butler__Web__LiveRefreshSeconds"] = "2";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _host = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _host.OutputDataReceived += (_, e) => Append(e.Data);
        _host.ErrorDataReceived += (_, e) => Append(e.Data);
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_hostLog)
            {
                _hostLog.AppendLine(line);
            }
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var probe = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_host!.HasExited)
            {
                throw new InvalidOperationException($"The host exited during start-up:\n{HostLog}");
            }
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The host did not become healthy in 120 s:\n{HostLog}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record TokenBody(string AccessToken, int ExpiresIn);
}

[CollectionDefinition(Name)]
public sealed class ButlerServerCollection : ICollectionFixture<ButlerServer>
{
    public const string Name = "butler server";
}
