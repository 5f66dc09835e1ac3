using Butler.Workflows.Activities;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Workflows;

/// <summary>Registrations of the engine; a host may replace any service registered with TryAdd.</summary>
public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>Adds the engine without any domain: activities, validator, expressions, definitions, the runner and its committer.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RunnerOptions>();
        services.AddOptions<ExpressionOptions>();
        foreach (var activity in ActivityRegistry.BuiltIn())
        {
            services.AddSingleton<Activity>(activity);
        }
        services.TryAddSingleton(sp => new ActivityRegistry(sp.GetServices<Activity>()));
        // The words and escalation outcomes of the registered extensions (IRecipientWord, IEscalationOutcome); none without a domain.
        services.TryAddSingleton(sp => new DeadlineVocabulary(sp.GetServices<IRecipientWord>(), sp.GetServices<IEscalationOutcome>()));
        services.TryAddSingleton(sp => new DefinitionValidator(sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<DeadlineVocabulary>()));
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
}
