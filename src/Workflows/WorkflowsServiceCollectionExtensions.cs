using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Workflows;

/// <summary>Registrations of the engine; a host may replace any service registered with TryAdd.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the engine: activities, validator, expressions, definitions and the runner.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RunnerOptions>();
        services.AddOptions<ExpressionOptions>();
        foreach (var activity in ActivityRegistry.BuiltIn())
        {
            services.AddSingleton<Activity>(activity);
        }
        services.AddSingleton<Activity>(new Onboarding.ProjectStageActivity());
        services.AddSingleton<Activity>(new Onboarding.ResolveProblemActivity());
        services.AddSingleton<IWorkflowObserver, Onboarding.ProjectWorkflowObserver>();
        services.AddSingleton<Activity>(new Onboarding.LeadStatusActivity());
        services.AddSingleton<IWorkflowObserver, Onboarding.LeadWorkflowObserver>();
        services.AddOptions<Onboarding.LeadSlaOptions>();
        services.TryAddSingleton<Onboarding.LeadSla>();
        services.AddSingleton<IWorkflowObserver, Onboarding.ProblemWorkflowObserver>();
        services.AddOptions<Onboarding.OnboardingOptions>();
        services.TryAddSingleton<Onboarding.ProjectService>();
        services.TryAddSingleton<Onboarding.ProjectReadModel>();
        services.AddOptions<Onboarding.DispatchOptions>();
        services.TryAddSingleton<Onboarding.DispatchService>();
        services.TryAddSingleton<Onboarding.MetricsService>();
        services.TryAddSingleton<Onboarding.ShippedDefinitions>();
        services.TryAddSingleton(sp => new ActivityRegistry(sp.GetServices<Activity>()));
        services.TryAddSingleton<DefinitionValidator>();
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton<DefinitionService>();
        services.TryAddSingleton<ChangeSetCommitter>();
        services.TryAddSingleton<WorkflowRunner>();
        services.TryAddSingleton<TaskNotes>();
        services.TryAddSingleton<Calendar.CalendarService>();
        services.AddOptions<Calendar.CalendarOptions>();
        // Defaults so the engine runs on its own; the host replaces them with its user store, links and Hangfire.
        services.TryAddSingleton(_ => new Notifications.NotificationTemplates());
        services.TryAddSingleton<Notifications.OutboxWriter>();
        services.TryAddSingleton<Notifications.IUserDirectory, Notifications.NoUserDirectory>();
        services.TryAddSingleton<Notifications.IDecisionLinks, Notifications.NoDecisionLinks>();
        services.TryAddSingleton<Scheduling.ITimerScheduler, Scheduling.NoTimerScheduler>();
        services.TryAddSingleton<Scheduling.IOutboxSignal, Scheduling.NoOutboxSignal>();
        services.TryAddSingleton<RunnerServices>();
        return services;
    }

    /// <summary>Adds the engine's EF Core model on the chosen provider, as a pooled context factory.</summary>
    public static IServiceCollection AddButlerPersistence(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteButlerDbContext>(o => ButlerDbOptions.Sqlite(o, connectionString));
                services.TryAddSingleton<IDbContextFactory<ButlerDbContext>>(sp =>
                    new FactoryOf<SqliteButlerDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteButlerDbContext>>()));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddPooledDbContextFactory<PostgresButlerDbContext>(o => ButlerDbOptions.PostgreSql(o, connectionString));
                services.TryAddSingleton<IDbContextFactory<ButlerDbContext>>(sp =>
                    new FactoryOf<PostgresButlerDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresButlerDbContext>>()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerButlerDbContext>(o => ButlerDbOptions.SqlServer(o, connectionString));
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
