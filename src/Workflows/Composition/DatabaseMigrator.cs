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
        var bilingual = await BilingualTextsStepAsync(db, ct);
        if (bilingual is not null)
        {
            await MigrateToAsync(db, bilingual.Value.Previous, ct);
            await ConvertDefinitionsAsync(db, ct);
        }
        await ApplyMigrationsAsync(db, ct);
    }

    /// <summary>
    /// When a database written before texts were bilingual (ADR 024) has the migration <c>BilingualTexts</c> still to
    /// run, the migration before it: the definitions' JSON is converted in C# there, and only then is
    /// <c>BilingualTexts</c> applied (its SQL converts the columns). A crash in between converts again on the next start,
    /// which changes nothing already converted.
    /// </summary>
    private static async Task<(string Previous, string Step)?> BilingualTextsStepAsync(ButlerDbContext db, CancellationToken ct)
    {
        // A new database (or one without the history table yet) has nothing to convert.
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct) || !await db.GetService<IHistoryRepository>().ExistsAsync(ct))
        {
            return null;
        }
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (applied.Count == 0)
        {
            return null;
        }
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        var step = pending.FirstOrDefault(m => m.EndsWith("_BilingualTexts", StringComparison.Ordinal));
        if (step is null)
        {
            return null;
        }
        var all = db.Database.GetMigrations().ToList();
        var at = all.IndexOf(step);
        return at > 0 ? (all[at - 1], step) : null;
    }

    private static async Task ConvertDefinitionsAsync(ButlerDbContext db, CancellationToken ct)
    {
        var versions = await db.DefinitionVersions.AsNoTracking()
            .Select(v => new { v.DefinitionId, v.Version, v.Json })
            .ToListAsync(ct);
        foreach (var version in versions)
        {
            if (LegacyTexts.ConvertDefinition(version.Json) is { } converted)
            {
                await db.DefinitionVersions
                    .Where(v => v.DefinitionId == version.DefinitionId && v.Version == version.Version)
                    .ExecuteUpdateAsync(set => set.SetProperty(v => v.Json, converted), ct);
            }
        }
    }

    /// <summary>Applies the migrations of any of Butler's contexts (the engine's, Identity's) without false alarms in the log.</summary>
    /// <remarks>
    /// Npgsql's migrator reads the history table before anything creates it; it expects the "relation does not exist"
    /// error and carries on, but EF has logged the failed command at Error by then (npgsql/efcore.pg#3407), so every first
    /// start on an empty PostgreSQL database looked like a failure. Creating the history table first, as the migrator
    /// would a moment later, leaves nothing to fail.
    /// </remarks>
    public static async Task ApplyMigrationsAsync(DbContext db, CancellationToken ct = default) =>
        await MigrateToAsync(db, target: null, ct);

    private static async Task MigrateToAsync(DbContext db, string? target, CancellationToken ct)
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
        if (target is null)
        {
            await db.Database.MigrateAsync(ct);
        }
        else
        {
            await db.GetService<IMigrator>().MigrateAsync(target, cancellationToken: ct);
        }
    }
}
