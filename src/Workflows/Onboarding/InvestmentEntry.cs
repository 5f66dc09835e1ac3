namespace Butler.Workflows.Onboarding;

/// <summary>Investment actually completed by a project in one month.</summary>
public sealed class InvestmentEntry
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
