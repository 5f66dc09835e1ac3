using Butler.Workflows.Activities;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Workflows.Onboarding;

/// <summary>Registrations of the onboarding domain on top of the engine.</summary>
public static class OnboardingServiceCollectionExtensions
{
    /// <summary>Adds the domain's activities, escalation words and outcomes, observers and services (projects, leads, problems, dispatch, metrics).</summary>
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        // Refusals name a lead's status in the reader's words (field.leadMove).
        Runtime.FailureText.AddWords("leadStatus", OnboardingWords.Choices<LeadStatus>(OnboardingWords.Lead));
        Runtime.FailureText.AddWords("closing", OnboardingWords.Choices<ProjectClosing>(OnboardingWords.Closing));
        // In this order the validator lists the words: assignee, teamLead, responsibleLeader.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecipientWord, TeamLeadWord>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecipientWord, ResponsibleLeaderWord>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEscalationOutcome, OnSiteOfficeOutcome>());
        services.AddSingleton<Activity>(new ProjectStageActivity());
        services.AddSingleton<Activity>(new ResolveProblemActivity());
        services.AddSingleton<IWorkflowObserver, ProjectWorkflowObserver>();
        services.AddSingleton<Activity>(new LeadStatusActivity());
        services.AddSingleton<IWorkflowObserver, LeadWorkflowObserver>();
        services.AddOptions<LeadSlaOptions>();
        services.TryAddSingleton<LeadSla>();
        services.AddSingleton<IWorkflowObserver, ProblemWorkflowObserver>();
        services.AddOptions<OnboardingOptions>();
        services.TryAddSingleton<ProjectService>();
        services.TryAddSingleton<ProjectReadModel>();
        services.AddOptions<DispatchOptions>();
        services.TryAddSingleton<DispatchService>();
        services.TryAddSingleton<MetricsService>();
        services.TryAddSingleton<ShippedDefinitions>();
        return services;
    }
}
