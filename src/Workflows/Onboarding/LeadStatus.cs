namespace Butler.Workflows.Onboarding;

/// <summary>线索 → 研判 → 深度洽谈 → 签约 | 放弃.</summary>
public enum LeadStatus
{
    New,
    Assessed,
    DeepNegotiation,
    Signed,
    Dropped,
}
