namespace Butler.Workflows.Onboarding;

/// <summary>An industry chain the district promotes (健康食品, 生物医药, 新材料 …), named in both languages.</summary>
public sealed class IndustryChain
{
    /// <summary>Short stable code, e.g. <c>health-food</c>.</summary>
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
}
