namespace Butler.Workflows.Runtime;

/// <summary>A run of one published definition version, with its variables and private state.</summary>
public sealed class WorkflowInstance : IVersioned
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public WorkflowStatus Status { get; set; }
    public string InputJson { get; set; } = "{}";
    public string VariablesJson { get; set; } = "{}";

    /// <summary>Outputs of finished activities (outcome, who, fields) and private activity state such as Join arrivals.</summary>
    public string StateJson { get; set; } = "{}";
    public string? CreatedBy { get; set; }

    /// <summary>What the run belongs to, e.g. <c>project:{id}</c> or <c>lead:{id}</c>; finds a project's tasks.</summary>
    public string? CorrelationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency token: bumped on every committed stimulus.</summary>
    public int Revision { get; set; }

    /// <summary>Number of journal entries written so far; the next one gets this plus one.</summary>
    public int JournalCount { get; set; }
}
