using Butler.Workflows.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Butler.Workflows.Persistence;

/// <summary>PostgreSQL, in the schema butler.</summary>
public sealed class PostgresButlerDbContext(DbContextOptions<PostgresButlerDbContext> options) : ButlerDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    /// <summary>The options of this provider, shared by the runtime and the design-time factory so migrations match what runs.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, string connectionString) =>
        ButlerDbOptions.LeaveFailuresToCallers(o.UseNpgsql(connectionString, x => x.MigrationsHistoryTable(ButlerDbOptions.HistoryTable, Schema)));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        OnboardingData.Configure(modelBuilder);
    }
}

// `dotnet ef migrations add` uses this; the connection string is never opened.
internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresButlerDbContext>
{
    public PostgresButlerDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresButlerDbContext>)PostgresButlerDbContext.Configure(new DbContextOptionsBuilder<PostgresButlerDbContext>(), "Host=localhost;Database=butler_design").Options);
}
