namespace Butler.Workflows.Onboarding;

/// <summary>One leader's weekly dispatch agenda (周例会调度), built by the recurring job.</summary>
public sealed class Dispatch
{
    public Guid Id { get; set; }
    public Guid LeaderId { get; set; }

    /// <summary>The Monday of the week, in the deployment's time zone.</summary>
    public DateOnly WeekOf { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The agenda: projects, red and yellow items, open problems, decisions due.</summary>
    public string AgendaJson { get; set; } = "{}";
    public List<DispatchDecision> Decisions { get; set; } = [];
}
