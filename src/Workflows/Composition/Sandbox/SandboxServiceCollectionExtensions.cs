using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Workflows.Sandbox;

/// <summary>Registration of test runs of draft definitions.</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SandboxService"/>; needs the engine (<c>AddWorkflows</c>) and the host's persistence.</summary>
    public static IServiceCollection AddWorkflowSandbox(this IServiceCollection services)
    {
        services.AddOptions<SandboxOptions>();
        services.TryAddSingleton<SandboxService>();
        return services;
    }
}
