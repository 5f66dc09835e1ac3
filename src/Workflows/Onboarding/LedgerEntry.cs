namespace Butler.Workflows.Onboarding;

/// <summary>One line of a project's ledger timeline: what happened, who, when. Tasks and decisions come from the workflow journal.</summary>
public sealed class LedgerEntry
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public LedgerKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? DataJson { get; set; }
}
