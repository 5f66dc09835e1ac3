using Butler.Workflows.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Butler.Workflows.Persistence;

/// <summary>SQL Server, in the schema butler.</summary>
public sealed class SqlServerButlerDbContext(DbContextOptions<SqlServerButlerDbContext> options) : ButlerDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    /// <summary>The options of this provider, shared by the runtime and the design-time factory so migrations match what runs.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, string connectionString) =>
        ButlerDbOptions.LeaveFailuresToCallers(o.UseSqlServer(connectionString, x => x.MigrationsHistoryTable(ButlerDbOptions.HistoryTable, Schema)));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        OnboardingData.Configure(modelBuilder);
    }
}

// `dotnet ef migrations add` uses this; the connection string is never opened.
internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerButlerDbContext>
{
    public SqlServerButlerDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqlServerButlerDbContext>)SqlServerButlerDbContext.Configure(new DbContextOptionsBuilder<SqlServerButlerDbContext>(), "Server=localhost;Database=butler_design;TrustServerCertificate=true").Options);
}
