using Butler.Host.Identity;
using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Butler.Host.Tests.Support;

/// <summary>A host whose clock is fake and whose password checks are counted.</summary>
public abstract class CountedSignInApp : ButlerApp
{
    protected CountedSignInApp(DatabaseProvider provider, string? connectionString)
        : base(provider, connectionString) => WithServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton<IPasswordHasher<ButlerUser>>(Checks);
        });

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public PasswordChecks Checks { get; } = new();
}

public sealed class CountedSignInSqliteApp() : CountedSignInApp(DatabaseProvider.Sqlite, null);

public sealed class CountedSignInPostgresApp() : CountedSignInApp(DatabaseProvider.PostgreSql, PostgresServer.Instance.CreateDatabase("signin"));
