namespace Butler.Workflows.Onboarding;

/// <summary>Marks that the dispatch of a week has run, so a restart runs a missed week once and never twice.</summary>
public sealed class DispatchRun
{
    public DateOnly WeekOf { get; set; }
    public DateTimeOffset RanAt { get; set; }
    public int Agendas { get; set; }
}
