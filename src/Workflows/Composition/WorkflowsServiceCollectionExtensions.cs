using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Workflows;

/// <summary>Registrations of the engine; a host may replace any service registered with TryAdd.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the engine and the onboarding domain, as the district runs them.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddWorkflowEngine();
        services.AddOnboarding();
        return services;
    }

    /// <summary>Adds the engine's EF Core model on the chosen provider, as a pooled context factory.</summary>
    public static IServiceCollection AddButlerPersistence(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteButlerDbContext>(o => SqliteButlerDbContext.Configure(o, connectionString));
                services.TryAddSingleton<IDbContextFactory<ButlerDbContext>>(sp =>
                    new FactoryOf<SqliteButlerDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteButlerDbContext>>()));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddPooledDbContextFactory<PostgresButlerDbContext>(o => PostgresButlerDbContext.Configure(o, connectionString));
                services.TryAddSingleton<IDbContextFactory<ButlerDbContext>>(sp =>
                    new FactoryOf<PostgresButlerDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresButlerDbContext>>()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerButlerDbContext>(o => SqlServerButlerDbContext.Configure(o, connectionString));
                services.TryAddSingleton<IDbContextFactory<ButlerDbContext>>(sp =>
                    new FactoryOf<SqlServerButlerDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerButlerDbContext>>()));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
        services.TryAddSingleton<DatabaseMigrator>();
        return services;
    }

    private sealed class FactoryOf<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ButlerDbContext>
        where TContext : ButlerDbContext
    {
        public ButlerDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
