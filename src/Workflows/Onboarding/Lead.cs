namespace Butler.Workflows.Onboarding;

/// <summary>An investment lead (线索) and how far it has come.</summary>
public sealed class Lead : Runtime.IVersioned
{
    public Guid Id { get; set; }
    public LeadSource Source { get; set; }
    public string Company { get; set; } = "";
    public string ChainCode { get; set; } = "";

    /// <summary>Intended investment in CNY.</summary>
    public decimal IntendedInvestment { get; set; }
    public string? Contact { get; set; }

    /// <summary>The user who follows the lead.</summary>
    public string Owner { get; set; } = "";
    public LeadStatus Status { get; set; }
    public string? Note { get; set; }

    /// <summary>The day the lead came in; the year of the figures counts it.</summary>
    public DateOnly ReceivedOn { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public DateOnly? NegotiationOn { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? DroppedOn { get; set; }

    /// <summary>The project created when the signed lead was converted.</summary>
    public Guid? ProjectId { get; set; }

    /// <summary>The run of the lead SLA workflow (respond, assess) with its reminders.</summary>
    public Guid? SlaInstanceId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Revision { get; set; }
}
