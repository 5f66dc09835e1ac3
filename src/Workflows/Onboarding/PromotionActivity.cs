namespace Butler.Workflows.Onboarding;

/// <summary>A trip, visit or reception, with its date and people; optionally about one lead.</summary>
public sealed class PromotionActivity
{
    public Guid Id { get; set; }
    public PromotionKind Kind { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>Who took part (free text: names of leaders, staff and guests).</summary>
    public string People { get; set; } = "";
    public string? Place { get; set; }
    public string? Note { get; set; }
    public Guid? LeadId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
