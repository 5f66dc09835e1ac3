using Butler.Host.Identity;
using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Tests.Identity;

/// <summary>Identity's tables follow the same time rule as the engine's: stored in UTC whatever offset was given.</summary>
public sealed class ButlerIdentityDbContextTests
{
    private static readonly DateTimeOffset NoonInBeijing = new(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8));

    private static TContext Create<TContext>(DatabaseProvider provider, string connectionString, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : ButlerIdentityDbContext =>
        create((DbContextOptions<TContext>)ButlerIdentityDbContext.Configure(new DbContextOptionsBuilder<TContext>(), provider, connectionString).Options);

    [Fact]
    public void Each_providers_identity_migrations_match_the_model()
    {
        using var sqlite = Create<SqliteIdentityDbContext>(DatabaseProvider.Sqlite, "Data Source=unused.db", o => new(o));
        using var postgres = Create<PostgresIdentityDbContext>(DatabaseProvider.PostgreSql, "Host=unused;Database=butler", o => new(o));
        using var sqlServer = Create<SqlServerIdentityDbContext>(DatabaseProvider.SqlServer, "Server=unused;Database=butler;TrustServerCertificate=true", o => new(o));

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL");
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server");
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task A_lock_out_end_in_Beijing_time_is_stored_in_UTC_and_compared_in_SQL_on_PostgreSQL()
    {
        var connectionString = PostgresServer.Instance.CreateDatabase("identity");
        try
        {
            await using (var db = Create<PostgresIdentityDbContext>(DatabaseProvider.PostgreSql, connectionString, o => new(o)))
            {
                await db.Database.MigrateAsync();
                db.Users.Add(new ButlerUser { UserName = "ann", NormalizedUserName = "ANN", LockoutEnabled = true, LockoutEnd = NoonInBeijing });
                await db.SaveChangesAsync();
            }

            await using var read = Create<PostgresIdentityDbContext>(DatabaseProvider.PostgreSql, connectionString, o => new(o));
            var ann = await read.Users.SingleAsync(u => u.LockoutEnd > NoonInBeijing.AddMinutes(-1));
            Assert.Equal(NoonInBeijing, ann.LockoutEnd);
            Assert.Equal(TimeSpan.Zero, ann.LockoutEnd!.Value.Offset);
            Assert.False(await read.Users.AnyAsync(u => u.LockoutEnd > NoonInBeijing));
        }
        finally
        {
            PostgresServer.Instance.DropDatabase(connectionString);
        }
    }

    [Fact]
    public async Task A_lock_out_end_in_Beijing_time_is_read_back_in_UTC_on_SQLite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"butler-identity-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Create<SqliteIdentityDbContext>(DatabaseProvider.Sqlite, $"Data Source={file}", o => new(o)))
            {
                await db.Database.MigrateAsync();
                db.Users.Add(new ButlerUser { UserName = "ann", NormalizedUserName = "ANN", LockoutEnabled = true, LockoutEnd = NoonInBeijing });
                await db.SaveChangesAsync();
            }

            await using var read = Create<SqliteIdentityDbContext>(DatabaseProvider.Sqlite, $"Data Source={file}", o => new(o));
            var ann = await read.Users.SingleAsync();
            Assert.Equal(NoonInBeijing, ann.LockoutEnd);
            Assert.Equal(TimeSpan.Zero, ann.LockoutEnd!.Value.Offset);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
