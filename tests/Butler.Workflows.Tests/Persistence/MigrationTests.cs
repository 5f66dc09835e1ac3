using System.Text.RegularExpressions;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace Butler.Workflows.Tests.Persistence;

/// <summary>SQL Server cannot run here, so its migrations are generated and their T-SQL parsed; every provider's migrations must match the model.</summary>
public sealed partial class MigrationTests
{
    private static SqlServerButlerDbContext SqlServer() =>
        new((DbContextOptions<SqlServerButlerDbContext>)SqlServerButlerDbContext.Configure(
            new DbContextOptionsBuilder<SqlServerButlerDbContext>(), "Server=unused;Database=butler;TrustServerCertificate=true").Options);

    private static SqliteButlerDbContext Sqlite() =>
        new((DbContextOptions<SqliteButlerDbContext>)SqliteButlerDbContext.Configure(new DbContextOptionsBuilder<SqliteButlerDbContext>(), "Data Source=unused.db").Options);

    private static PostgresButlerDbContext Postgres() =>
        new((DbContextOptions<PostgresButlerDbContext>)PostgresButlerDbContext.Configure(new DbContextOptionsBuilder<PostgresButlerDbContext>(), "Host=unused;Database=butler").Options);

    public static TheoryData<MigrationsSqlGenerationOptions> ScriptKinds =>
        [MigrationsSqlGenerationOptions.Default, MigrationsSqlGenerationOptions.Idempotent];

    [Theory]
    [MemberData(nameof(ScriptKinds))]
    public void The_SQL_Server_migration_script_is_valid_T_SQL(MigrationsSqlGenerationOptions kind)
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: kind);

        var batches = GoLine().Split(script).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
        Assert.NotEmpty(batches);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var errors = new List<string>();
        foreach (var batch in batches)
        {
            using var reader = new StringReader(batch);
            parser.Parse(reader, out var parseErrors);
            errors.AddRange(parseErrors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}{Environment.NewLine}{batch}"));
        }
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, errors));
    }

    [Fact]
    public void The_SQL_Server_script_creates_every_table_in_the_butler_schema_and_records_every_migration()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE SCHEMA [butler]", script, StringComparison.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
        {
            Assert.Contains($"CREATE TABLE [butler].[{table}]", script, StringComparison.Ordinal);
        }
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains($"N'{migration}'", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_provider_has_the_same_migrations_in_the_same_order()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();
        using var sqlServer = SqlServer();

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.NotEmpty(Names(sqlite));
        Assert.Equal(Names(sqlite), Names(postgres));
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void The_SQLite_migrations_match_the_model() => AssertNoPendingChanges(Sqlite());

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model() => AssertNoPendingChanges(Postgres());

    [Fact]
    public void The_SQL_Server_migrations_match_the_model() => AssertNoPendingChanges(SqlServer());

    private static void AssertNoPendingChanges(ButlerDbContext db)
    {
        using (db)
        {
            Assert.False(db.Database.HasPendingModelChanges(), $"The {db.Provider} model has changes without a migration; add one for every provider.");
        }
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
