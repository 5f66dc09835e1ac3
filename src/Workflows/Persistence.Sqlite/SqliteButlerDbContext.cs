using Butler.Workflows.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Butler.Workflows.Persistence;

/// <summary>SQLite: the embedded default.</summary>
public sealed class SqliteButlerDbContext(DbContextOptions<SqliteButlerDbContext> options) : ButlerDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The options of this provider, shared by the runtime and the design-time factory so migrations match what runs.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, string connectionString) =>
        ButlerDbOptions.LeaveFailuresToCallers(o.UseSqlite(connectionString, x => x.MigrationsHistoryTable(ButlerDbOptions.HistoryTable)));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        OnboardingData.Configure(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite stores decimal as text, which cannot be summed or ordered in SQL; amounts in CNY fit a double exactly
        // to the fen up to 10^13.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}

// `dotnet ef migrations add` uses this; the connection string is never opened.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteButlerDbContext>
{
    public SqliteButlerDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteButlerDbContext>)SqliteButlerDbContext.Configure(new DbContextOptionsBuilder<SqliteButlerDbContext>(), "Data Source=design.db").Options);
}
