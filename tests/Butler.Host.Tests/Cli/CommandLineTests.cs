using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Butler.Host.Tests.Support;
using Butler.Workflows.Persistence;

namespace Butler.Host.Tests.Cli;

/// <summary>The host's verbs, run as real processes: no account exists outside demo mode until create-admin makes one.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("butler-cli-test-").FullName;

    [Fact]
    public async Task Migrate_creates_the_database_and_exits()
    {
        var (exitCode, output) = await RunHostAsync(["migrate"], stdin: null);
        Assert.Equal(0, exitCode);
        Assert.Contains("Database is up to date.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "butler.db")));
    }

    [Fact]
    public async Task Outside_demo_mode_nobody_can_sign_in_until_create_admin_reads_a_password_from_stdin()
    {
        await using (var before = new ButlerApp(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_dataDirectory, "butler.db")}", demo: false))
        {
            var client = before.CreateClient();
            foreach (var user in new[] { "admin", "leader", "squad" })
            {
                var attempt = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = ButlerApp.Password });
                Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (exitCode, output) = await RunHostAsync(["create-admin", "chief"], stdin: "A-strong-passphrase-9\n");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Created administrator 'chief'", output, StringComparison.Ordinal);

        var (again, againOutput) = await RunHostAsync(["create-admin", "chief"], stdin: "Another-passphrase-9\n");
        Assert.Equal(1, again);
        Assert.Contains("already exists", againOutput, StringComparison.Ordinal);

        await using var after = new ButlerApp(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_dataDirectory, "butler.db")}", demo: false);
        var token = await after.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "chief", password = "A-strong-passphrase-9" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Create_admin_without_a_password_on_stdin_fails_and_creates_nobody()
    {
        var (exitCode, output) = await RunHostAsync(["create-admin", "chief"], stdin: "");
        Assert.Equal(2, exitCode);
        Assert.Contains("No password", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_with_the_list_of_verbs()
    {
        var (exitCode, output) = await RunHostAsync(["frobnicate"], stdin: null);
        Assert.Equal(2, exitCode);
        Assert.Contains("migrate, create-admin", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunHostAsync(string[] args, string? stdin)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Butler.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataDirectory,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Butler__DataDirectory"] = _dataDirectory;
        start.Environment["Butler__Demo"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
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
}
