using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Butler.Workflows.Persistence;

/// <summary>Provider options shared by the runtime and the design-time factories, so migrations match what runs.</summary>
public static class ButlerDbOptions
{
    public const string HistoryTable = "__EFMigrationsHistory";

    public static DbContextOptionsBuilder Sqlite(DbContextOptionsBuilder o, string connectionString) =>
        LeaveFailuresToCallers(o.UseSqlite(connectionString, x => x.MigrationsHistoryTable(HistoryTable)));

    public static DbContextOptionsBuilder PostgreSql(DbContextOptionsBuilder o, string connectionString) =>
        LeaveFailuresToCallers(o.UseNpgsql(connectionString, x => x.MigrationsHistoryTable(HistoryTable, ButlerDbContext.Schema)));

    public static DbContextOptionsBuilder SqlServer(DbContextOptionsBuilder o, string connectionString) =>
        LeaveFailuresToCallers(o.UseSqlServer(connectionString, x => x.MigrationsHistoryTable(HistoryTable, ButlerDbContext.Schema)));

    /// <summary>
    /// EF logs a failed command and a failed save at Warning, not Error: whoever catches the exception decides whether
    /// it is a failure (see docs/decisions/016).
    /// </summary>
    /// <remarks>
    /// EF logs before its caller has seen the exception. Butler expects some: a lost optimistic race surfaces on
    /// PostgreSQL as a unique violation of the journal and is retried, a name taken in the meantime becomes a 409. What
    /// nobody expects still reaches Error once, from the error handler of the request or the job that failed.
    /// </remarks>
    public static DbContextOptionsBuilder LeaveFailuresToCallers(DbContextOptionsBuilder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Warning),
            (CoreEventId.SaveChangesFailed, LogLevel.Warning)));
    }
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
        await ApplyMigrationsAsync(db, ct);
    }

    /// <summary>Applies the migrations of any of Butler's contexts (the engine's, Identity's) without false alarms in the log.</summary>
    /// <remarks>
    /// Npgsql's migrator reads the history table before anything creates it; it expects the "relation does not exist"
    /// error and carries on, but EF has logged the failed command at Error by then (npgsql/efcore.pg#3407), so every first
    /// start on an empty PostgreSQL database looked like a failure. Creating the history table first, as the migrator
    /// would a moment later, leaves nothing to fail.
    /// </remarks>
    public static async Task ApplyMigrationsAsync(DbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(ct))
            {
                await creator.CreateAsync(ct);
            }
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
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
