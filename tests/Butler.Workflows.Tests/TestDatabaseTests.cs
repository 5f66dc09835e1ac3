using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace Butler.Workflows.Tests;

[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
public sealed class PostgresServerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Each_created_database_is_new_empty_and_reachable()
    {
        var first = postgres.CreateDatabase("Server Tests!");
        var second = postgres.CreateDatabase("Server Tests!");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("select count(*) from information_schema.tables where table_schema = 'butler'", connection))
        {
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
        await connection.CloseAsync();
        postgres.Server.DropDatabase(first);
        postgres.Server.DropDatabase(second);
    }

    [Fact]
    public async Task A_postgres_test_database_is_migrated_to_the_newest_migration()
    {
        await using var database = await TestDatabase.CreatePostgresAsync("migrated");
        await using var db = database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Instances.CountAsync());
    }
}

public sealed class SqliteTestDatabaseTests
{
    [Fact]
    public async Task A_sqlite_test_database_is_a_migrated_file_in_write_ahead_mode_that_is_removed_afterwards()
    {
        string file;
        await using (var database = await TestDatabase.CreateSqliteAsync())
        {
            file = database.SqliteFile!;
            await using var db = database.CreateDbContext();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
            Assert.Equal("wal", Assert.Single(mode));
            Assert.Equal(DatabaseProvider.Sqlite, db.Provider);
        }
        Assert.False(File.Exists(file));
    }
}
