namespace Butler.Workflows.Onboarding;

/// <summary>Signals the shipped definitions wait for.</summary>
public static class PipelineSignals
{
    /// <summary>The project reached production: the butler pipeline ends.</summary>
    public const string Production = "production";

    /// <summary>A problem was resolved outside its task (by its owner, the leader or an admin).</summary>
    public const string ProblemResolved = "resolved";
}
