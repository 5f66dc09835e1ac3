namespace Butler.Workflows.Onboarding;

/// <summary>签约 → 手续办理 → 选址 → 建设 → 投产.</summary>
public enum ProjectStage
{
    Signed,
    Permits,
    Site,
    Construction,
    Production,
}
