namespace Butler.Workflows.Onboarding;

/// <summary>Ids of the definitions Butler ships.</summary>
public static class ShippedDefinitionIds
{
    public const string Pipeline = "butler-pipeline";
    public const string Problem = "project-problem";
}
