namespace Butler.Workflows.Onboarding;

/// <summary>A signed project and its ledger (项目台账): one leader, one service squad.</summary>
public sealed class Project : Runtime.IVersioned
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Company { get; set; } = "";
    public string ChainCode { get; set; } = "";

    /// <summary>Planned investment in CNY.</summary>
    public decimal PlannedInvestment { get; set; }
    public DateOnly ContractDate { get; set; }

    /// <summary>The first day of the month construction is planned to start.</summary>
    public DateOnly? PlannedStartMonth { get; set; }
    public Guid LeaderId { get; set; }
    public Guid SquadId { get; set; }
    public ProjectStage Stage { get; set; }
    public ProjectClosing? Closing { get; set; }

    /// <summary>The day construction started (开工); set when the stage reaches construction.</summary>
    public DateOnly? StartedOn { get; set; }

    /// <summary>The day production started (投产).</summary>
    public DateOnly? ProductionOn { get; set; }

    /// <summary>A high-tech or 专精特新 company.</summary>
    public bool HighTech { get; set; }

    /// <summary>Fills a gap in an industry chain (补链).</summary>
    public bool ChainGapFilling { get; set; }
    public Guid? LeadId { get; set; }

    /// <summary>The run of the butler pipeline for this project.</summary>
    public Guid? PipelineInstanceId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Revision { get; set; }

    public bool HasStarted => Stage >= ProjectStage.Construction;
}
