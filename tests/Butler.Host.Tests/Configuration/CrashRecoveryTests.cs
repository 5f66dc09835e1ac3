using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.TestSupport;
using Butler.Workflows;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Configuration;

/// <summary>A host killed with SIGKILL while reminders are pending loses none and sends none twice after a restart.</summary>
[Trait("Category", "Slow")]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string Password = "Crash-test-password-1";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("butler-crash-test-").FullName;
    private readonly int _port = FreePort();
    private SmtpTestServer _smtp = null!;
    private Process? _host;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        Kill();
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Only a temp folder is left behind.
        }
    }

    [Fact]
    public async Task Every_pending_reminder_is_sent_exactly_once_after_a_sigkill_and_restart()
    {
        await StartHostAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        var token = await http.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = Password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        const string definition = """
            { "id": "crash", "name": "Crash",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "permit", "type": "HumanTask", "inputs": { "title": "手续代办", "assignee": { "role": "Squad" },
                    "due": "PT12S", "reminders": [ "-PT6S", "-PT3S" ] } },
                { "id": "end", "type": "End" } ],
              "connections": [ { "source": "start", "outcome": "Done", "target": "permit" }, { "source": "permit", "outcome": "Done", "target": "end" } ] }
            """;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions", new StringContent(definition, Encoding.UTF8, "application/json"))).StatusCode);
        await http.PostAsync("/api/workflow-definitions/crash/publish", null);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "crash" })).StatusCode);
        }

        Kill();
        Assert.Empty(_smtp.Messages);
        await StartHostAsync();

        await using var services = new ServiceCollection()
            .AddWorkflows()
            .AddButlerPersistence(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_dataDirectory, "butler.db")}")
            .BuildServiceProvider();
        var dbFactory = services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Timers.CountAsync(t => t.Kind == TimerKind.Reminder && t.Status == TimerStatus.Fired) == 6
                && await db.Outbox.CountAsync() == 6
                && await db.Outbox.AllAsync(m => m.Status == OutboxStatus.Sent);
        }, TimeSpan.FromSeconds(60));

        var reminders = _smtp.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == "squad@butler.example")).ToList();
        Assert.Equal(6, reminders.Count);
        Assert.Equal(6, reminders.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(6, _smtp.Messages.Count);
    }

    private async Task StartHostAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Butler.Host.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}";
        start.Environment["Butler__DataDirectory"] = _dataDirectory;
        start.Environment["Butler__Demo"] = "true";
        start.Environment["Butler__DemoPassword"] = Password;
        start.Environment["Butler__DemoDistrict"] = "false";
        start.Environment["Butler__Smtp__Host"] = SmtpTestServer.Host;
        start.Environment["Butler__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Butler__Smtp__Security"] = "None";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _host = Process.Start(start)!;
        _host.OutputDataReceived += (_, _) => { };
        _host.ErrorDataReceived += (_, _) => { };
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(_host.HasExited, "The host exited during start-up.");
            try
            {
                return (await probe.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — as a crash or an out-of-memory kill.</summary>
    private void Kill()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            _host.WaitForExit();
        }
        _host?.Dispose();
        _host = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
