using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Projects;

/// <summary>A run serving a project — its pipeline, a problem's, a dispatch decision's — named by its definition, for its sheet.</summary>
public sealed record ProjectRun(Guid InstanceId, string Title, WorkflowStatus Status, DateTimeOffset StartedAt);
