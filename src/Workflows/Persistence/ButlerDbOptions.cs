using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Butler.Workflows.Persistence;

/// <summary>Provider options shared by the runtime and the design-time factories, so migrations match what runs.</summary>
public static class ButlerDbOptions
{
    public const string HistoryTable = "__EFMigrationsHistory";

    public static DbContextOptionsBuilder Sqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, x => x.MigrationsHistoryTable(HistoryTable));

    public static DbContextOptionsBuilder PostgreSql(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString, x => x.MigrationsHistoryTable(HistoryTable, ButlerDbContext.Schema));

    public static DbContextOptionsBuilder SqlServer(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlServer(connectionString, x => x.MigrationsHistoryTable(HistoryTable, ButlerDbContext.Schema));
}

/// <summary>Brings the database to the newest migration; SQLite is switched to write-ahead logging.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<ButlerDbContext> dbFactory)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }
}

// Design-time factories: `dotnet ef migrations add` uses these; the connection strings are never opened for SQL Server.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteButlerDbContext>
{
    public SqliteButlerDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteButlerDbContext>)ButlerDbOptions.Sqlite(new DbContextOptionsBuilder<SqliteButlerDbContext>(), "Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresButlerDbContext>
{
    public PostgresButlerDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresButlerDbContext>)ButlerDbOptions.PostgreSql(new DbContextOptionsBuilder<PostgresButlerDbContext>(), "Host=localhost;Database=butler_design").Options);
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerButlerDbContext>
{
    public SqlServerButlerDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqlServerButlerDbContext>)ButlerDbOptions.SqlServer(new DbContextOptionsBuilder<SqlServerButlerDbContext>(), "Server=localhost;Database=butler_design;TrustServerCertificate=true").Options);
}
