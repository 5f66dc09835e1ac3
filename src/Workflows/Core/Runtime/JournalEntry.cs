namespace Butler.Workflows.Runtime;

/// <summary>One line of an instance's execution history: what happened, to which activity, by whom, when.</summary>
public sealed class JournalEntry
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public int Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public JournalKind Kind { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    public string? Actor { get; set; }

    /// <summary>The person the actor acted for (代理人: a proxy acting on someone's task or approval); null when for themselves.</summary>
    public string? OnBehalfOf { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? Detail { get; set; }

    /// <summary>The instance's next journal entry, numbered after its last; the caller adds it to the context.</summary>
    public static JournalEntry Next(WorkflowInstance instance, DateTimeOffset at, JournalKind kind, string? activityId, string? activityType,
        string? actor, string? outcome = null, string? comment = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new JournalEntry
        {
            Id = Guid.CreateVersion7(at),
            InstanceId = instance.Id,
            Sequence = ++instance.JournalCount,
            At = at,
            Kind = kind,
            ActivityId = activityId,
            ActivityType = activityType,
            Actor = actor,
            Outcome = outcome,
            Comment = comment,
            Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        };
    }
}
