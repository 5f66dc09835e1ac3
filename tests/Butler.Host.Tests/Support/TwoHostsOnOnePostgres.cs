using System.Security.Cryptography;
using Butler.TestSupport;
using Butler.Workflows.Persistence;

namespace Butler.Host.Tests.Support;

/// <summary>Two Butler hosts sharing one PostgreSQL database and one token-signing key, as behind a load balancer.</summary>
public sealed class TwoHostsOnOnePostgres : IAsyncLifetime
{
    private readonly string _connectionString = PostgresServer.Instance.CreateDatabase("hosts");
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ButlerApp First { get; private set; } = null!;

    public ButlerApp Second { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // One after the other: the first migrates and seeds the database the second then finds ready.
        First = new ButlerApp(DatabaseProvider.PostgreSql, _connectionString).With("Butler:Auth:SigningKey", _signingKey);
        _ = First.Services;
        Second = new ButlerApp(DatabaseProvider.PostgreSql, _connectionString).With("Butler:Auth:SigningKey", _signingKey);
        _ = Second.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
