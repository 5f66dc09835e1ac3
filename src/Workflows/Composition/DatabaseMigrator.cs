using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Butler.Workflows;

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
