using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Butler.Host.Identity;

/// <summary>ASP.NET Core Identity's tables, in the same database as the engine (see docs/decisions/001).</summary>
public abstract class ButlerIdentityDbContext(DbContextOptions options) : IdentityDbContext<ButlerUser>(options)
{
    public const string HistoryTable = "__IdentityMigrationsHistory";

    protected abstract bool HasSchemas { get; }

    /// <summary>Handwritten signatures, one per user at most.</summary>
    public DbSet<UserSignature> Signatures => Set<UserSignature>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        if (HasSchemas)
        {
            builder.HasDefaultSchema(ButlerDbContext.Schema);
        }
        base.OnModelCreating(builder);
        builder.Entity<ButlerUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.Language).HasMaxLength(10);
            b.Property(u => u.MailOptOut).HasMaxLength(200);
            // At most 30 phrases of 200 characters, as JSON: unbounded text on every provider.
            b.Property(u => u.PhrasesJson);
            b.Property(u => u.ProxyUserName).HasMaxLength(256);
            b.Property(u => u.ProxyComment).HasMaxLength(500);
        });
        builder.Entity<UserSignature>(b =>
        {
            b.ToTable("UserSignatures");
            b.HasKey(s => s.UserId);
            b.Property(s => s.UserId).HasMaxLength(450);
            b.Property(s => s.Png).IsRequired().HasMaxLength(UserSignature.MaxBytes);
            b.HasOne<ButlerUser>().WithOne().HasForeignKey<UserSignature>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Identity's lock-out end stays in the provider's own column type on SQLite too (text); nothing compares it in SQL.
        configurationBuilder.StoreTimesInUtc(asTicks: false);

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string connectionString) => ButlerDbOptions.LeaveFailuresToCallers(provider switch
    {
        DatabaseProvider.Sqlite => o.UseSqlite(connectionString, x => x.MigrationsHistoryTable(HistoryTable)),
        DatabaseProvider.PostgreSql => o.UseNpgsql(connectionString, x => x.MigrationsHistoryTable(HistoryTable, ButlerDbContext.Schema)),
        DatabaseProvider.SqlServer => o.UseSqlServer(connectionString, x => x.MigrationsHistoryTable(HistoryTable, ButlerDbContext.Schema)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    });
}

public sealed class SqliteIdentityDbContext(DbContextOptions<SqliteIdentityDbContext> options) : ButlerIdentityDbContext(options)
{
    protected override bool HasSchemas => false;
}

public sealed class PostgresIdentityDbContext(DbContextOptions<PostgresIdentityDbContext> options) : ButlerIdentityDbContext(options)
{
    protected override bool HasSchemas => true;
}

public sealed class SqlServerIdentityDbContext(DbContextOptions<SqlServerIdentityDbContext> options) : ButlerIdentityDbContext(options)
{
    protected override bool HasSchemas => true;
}

internal sealed class SqliteIdentityDesignFactory : IDesignTimeDbContextFactory<SqliteIdentityDbContext>
{
    public SqliteIdentityDbContext CreateDbContext(string[] args) => new((DbContextOptions<SqliteIdentityDbContext>)ButlerIdentityDbContext
        .Configure(new DbContextOptionsBuilder<SqliteIdentityDbContext>(), DatabaseProvider.Sqlite, "Data Source=design.db").Options);
}

internal sealed class PostgresIdentityDesignFactory : IDesignTimeDbContextFactory<PostgresIdentityDbContext>
{
    public PostgresIdentityDbContext CreateDbContext(string[] args) => new((DbContextOptions<PostgresIdentityDbContext>)ButlerIdentityDbContext
        .Configure(new DbContextOptionsBuilder<PostgresIdentityDbContext>(), DatabaseProvider.PostgreSql, "Host=localhost;Database=butler_design").Options);
}

internal sealed class SqlServerIdentityDesignFactory : IDesignTimeDbContextFactory<SqlServerIdentityDbContext>
{
    public SqlServerIdentityDbContext CreateDbContext(string[] args) => new((DbContextOptions<SqlServerIdentityDbContext>)ButlerIdentityDbContext
        .Configure(new DbContextOptionsBuilder<SqlServerIdentityDbContext>(), DatabaseProvider.SqlServer, "Server=localhost;Database=butler_design;TrustServerCertificate=true").Options);
}
