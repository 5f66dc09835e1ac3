namespace Butler.Workflows.Onboarding;

/// <summary>One line of a project's ledger timeline: what happened, who, when. Tasks and decisions come from the workflow journal.</summary>
public sealed class LedgerEntry
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public LedgerKind Kind { get; set; }
    /// <summary>The line's text, in both languages when it quotes a bilingual title (ADR 024).</summary>
    public Butler.Workflows.Activities.LocalizedText Text { get; set; } = new("");
    public string? DataJson { get; set; }
}
