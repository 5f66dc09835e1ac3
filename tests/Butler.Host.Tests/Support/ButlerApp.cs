using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Support;

/// <summary>Butler's real HTTP pipeline on a given database, with demo users, in a throwaway data folder.</summary>
public class ButlerApp : WebApplicationFactory<Program>
{
    public const string Password = "Test-password-1";

    private readonly DatabaseProvider _provider;
    private readonly string? _connectionString;
    private readonly bool _demo;

    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];

    public ButlerApp(DatabaseProvider provider, string? connectionString, bool demo = true)
    {
        _provider = provider;
        _connectionString = connectionString;
        _demo = demo;
        DataDirectory = Directory.CreateTempSubdirectory("butler-host-test-").FullName;
    }

    /// <summary>Sets a configuration value before the host starts (e.g. the SMTP server of a test).</summary>
    public ButlerApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Sends the host's mail to a test's SMTP server, in plain text on its port.</summary>
    public ButlerApp WithSmtp(SmtpTestServer smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        return With("Butler:Smtp:Host", SmtpTestServer.Host)
            .With("Butler:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Butler:Smtp:Security", "None");
    }

    /// <summary>Adds or replaces services after the host registered its own (a fake clock, a counting decorator).</summary>
    public ButlerApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public string DataDirectory { get; }

    public DatabaseProvider Provider => _provider;

    /// <summary>What the host logged at Warning and above (the level the tests run it at).</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Butler:Demo", _demo ? "true" : "false");
        builder.UseSetting("Butler:DemoPassword", Password);
        // The demo district (hundreds of records, pipelines with tasks) only where a test asks for it: DemoDistrictApp.
        builder.UseSetting("Butler:DemoDistrict", "false");
        builder.UseSetting("Butler:DataDirectory", DataDirectory);
        builder.UseSetting("Butler:Database:Provider", _provider.ToString());
        builder.UseSetting("ConnectionStrings:Butler", _connectionString ?? "");
        builder.UseSetting("Butler:Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <summary>A client carrying a bearer token of the named demo user.</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pooled connection only leaves a temp folder behind.
            }
        }
    }

    private sealed record TokenBody(string AccessToken, int ExpiresIn);
}

public sealed class SqliteApp() : ButlerApp(DatabaseProvider.Sqlite, null);

/// <summary>Demo mode with the whole demo district seeded, on SQLite.</summary>
public sealed class DemoDistrictApp : ButlerApp
{
    public DemoDistrictApp()
        : base(DatabaseProvider.Sqlite, null) => With("Butler:DemoDistrict", "true");
}

/// <summary>Demo mode with the whole demo district seeded, on PostgreSQL (the production choice).</summary>
public sealed class PostgresDemoDistrictApp : ButlerApp
{
    public PostgresDemoDistrictApp()
        : base(DatabaseProvider.PostgreSql, PostgresServer.Instance.CreateDatabase("demo")) => With("Butler:DemoDistrict", "true");
}

public sealed class PostgresApp() : ButlerApp(DatabaseProvider.PostgreSql, PostgresServer.Instance.CreateDatabase("api"));
