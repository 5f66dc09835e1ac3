using Butler.Host.Tests.Support;
using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Microsoft.Extensions.Logging;

namespace Butler.Host.Tests.Configuration;

/// <summary>
/// Starting is not an incident: the first start on an empty database (every migration, the demo users) and the next
/// one on the same database log nothing at Error or above, so an operator's alert on errors stays quiet.
/// </summary>
public sealed class StartupTests
{
    [Fact]
    [Trait("Category", "Postgres")]
    public Task A_first_and_a_second_start_on_an_empty_PostgreSQL_database_log_no_error() =>
        StartTwiceAsync(DatabaseProvider.PostgreSql, PostgresServer.Instance.CreateDatabase("startup"));

    [Fact]
    public Task A_first_and_a_second_start_on_an_empty_SQLite_database_log_no_error() =>
        StartTwiceAsync(DatabaseProvider.Sqlite, null);

    private static async Task StartTwiceAsync(DatabaseProvider provider, string? connectionString)
    {
        // Both starts use one data folder of the test's own (each app deletes its own when disposed): SQLite's file is there.
        var dataDirectory = Directory.CreateTempSubdirectory("butler-startup-test-").FullName;
        try
        {
            foreach (var start in new[] { "first", "second" })
            {
                await using var app = new ButlerApp(provider, connectionString).With("Butler:DataDirectory", dataDirectory);
                using var client = app.CreateClient();
                (await client.GetAsync(new Uri("/health", UriKind.Relative))).EnsureSuccessStatusCode();
                using var admin = await app.ClientForAsync("admin");
                (await admin.GetAsync(new Uri("/api/projects", UriKind.Relative))).EnsureSuccessStatusCode();

                var errors = app.Logs.AtLeast(LogLevel.Error);
                Assert.True(errors.Count == 0, $"The {start} start on {provider} logged:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
            if (connectionString is not null)
            {
                PostgresServer.Instance.DropDatabase(connectionString);
            }
        }
    }
}
