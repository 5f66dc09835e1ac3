namespace Butler.Workflows.Onboarding;

/// <summary>A problem (难题) blocking a project: who raised it, who owns it, by when, and how it was resolved.</summary>
public sealed class Problem : Runtime.IVersioned
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public ProblemKind Kind { get; set; }
    /// <summary>What blocks the project, in both languages when written so (ADR 024).</summary>
    public Butler.Workflows.Activities.LocalizedText Title { get; set; } = new("");
    public string? Description { get; set; }
    public string RaisedBy { get; set; } = "";

    /// <summary>The user responsible for resolving it.</summary>
    public string Owner { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public ProblemStatus Status { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    /// <summary>The run that tracks it and escalates it to the leader's on-site office when overdue.</summary>
    public Guid? InstanceId { get; set; }
    public int Revision { get; set; }
}
