using Butler.Workflows;
using Butler.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.TestSupport;

/// <summary>
/// The engine wired to a fresh, migrated database: a temporary SQLite file, or a new database on the shared
/// <see cref="PostgresServer"/>. Disposing it removes the SQLite file and releases pooled connections.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString, ServiceProvider services, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Services = services;
        SqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public ServiceProvider Services { get; }

    /// <summary>The database file when the provider is SQLite.</summary>
    public string? SqliteFile { get; }

    /// <summary>A service of the engine, e.g. <c>Get&lt;WorkflowRunner&gt;()</c>.</summary>
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new context of its own, as a second process or request would have.</summary>
    public ButlerDbContext CreateDbContext() => Get<IDbContextFactory<ButlerDbContext>>().CreateDbContext();

    /// <summary>A migrated database on the given provider; PostgreSQL gets a fresh database on the shared server.</summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, TimeProvider? time = null,
        Action<IServiceCollection>? configure = null, string prefix = "butler", CancellationToken ct = default) =>
        provider switch
        {
            DatabaseProvider.Sqlite => CreateSqliteAsync(time, configure, ct),
            DatabaseProvider.PostgreSql => CreatePostgresAsync(prefix, time, configure, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Tests run on SQLite and PostgreSQL; SQL Server is checked through its scripts."),
        };

    /// <summary>A migrated SQLite database in a new temporary file (write-ahead logging, as in production).</summary>
    public static Task<TestDatabase> CreateSqliteAsync(TimeProvider? time = null, Action<IServiceCollection>? configure = null, CancellationToken ct = default)
    {
        var (connectionString, file) = SqliteFileConnection();
        return BuildAsync(DatabaseProvider.Sqlite, connectionString, file, time, configure, ct);
    }

    /// <summary>A migrated database, new and empty before migration, on the process's shared PostgreSQL server.</summary>
    public static Task<TestDatabase> CreatePostgresAsync(string prefix = "butler", TimeProvider? time = null,
        Action<IServiceCollection>? configure = null, CancellationToken ct = default)
    {
        var connectionString = PostgresServer.Instance.CreateDatabase(prefix);
        return BuildAsync(DatabaseProvider.PostgreSql, connectionString, null, time, configure, ct);
    }

    /// <summary>
    /// A database on the given provider migrated only up to the migration named <paramref name="migration"/> (its name
    /// without the timestamp), as one written by an older Butler is: for tests of the migrations that follow.
    /// <see cref="DatabaseMigrator"/> brings it the rest of the way.
    /// </summary>
    public static async Task<TestDatabase> CreateAtMigrationAsync(DatabaseProvider provider, string migration, CancellationToken ct = default)
    {
        var (connectionString, file) = provider switch
        {
            DatabaseProvider.Sqlite => SqliteFileConnection(),
            DatabaseProvider.PostgreSql => (PostgresServer.Instance.CreateDatabase("legacy"), null),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Tests run on SQLite and PostgreSQL."),
        };
        var database = new TestDatabase(provider, connectionString, BuildServices(provider, connectionString, null, null), file);
        try
        {
            await using var db = database.CreateDbContext();
            var id = db.Database.GetMigrations().Single(m => m.EndsWith("_" + migration, StringComparison.Ordinal));
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(id, cancellationToken: ct);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    private static (string ConnectionString, string? File) SqliteFileConnection()
    {
        var folder = Path.Combine(Path.GetTempPath(), "butler-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        return (new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 60 }.ToString(), file);
    }

    /// <summary>
    /// A second engine on the same database, as another host process would have: its own services, caches and
    /// connection pool. The caller disposes it.
    /// </summary>
    public ServiceProvider CreateAnotherHost(TimeProvider? time = null, Action<IServiceCollection>? configure = null) =>
        BuildServices(Provider, ConnectionString, time, configure);

    private static ServiceProvider BuildServices(DatabaseProvider provider, string connectionString, TimeProvider? time, Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            // Registered before AddWorkflows, whose TryAdd then keeps this clock.
            services.AddSingleton(time);
        }
        services.AddWorkflows();
        services.AddButlerPersistence(provider, connectionString);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task<TestDatabase> BuildAsync(DatabaseProvider provider, string connectionString, string? sqliteFile,
        TimeProvider? time, Action<IServiceCollection>? configure, CancellationToken ct)
    {
        var serviceProvider = BuildServices(provider, connectionString, time, configure);
        var database = new TestDatabase(provider, connectionString, serviceProvider, sqliteFile);
        try
        {
            await serviceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                using (var connection = new SqliteConnection(ConnectionString))
                {
                    SqliteConnection.ClearPool(connection);
                }
                if (SqliteFile is not null)
                {
                    foreach (var file in new[] { SqliteFile, SqliteFile + "-wal", SqliteFile + "-shm" })
                    {
                        TryDelete(file);
                    }
                }
                break;
            case DatabaseProvider.PostgreSql:
                PostgresServer.Instance.DropDatabase(ConnectionString);
                break;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // A connection still closing may hold the file for a moment; the temp folder is fair game for leftovers.
        }
    }
}
