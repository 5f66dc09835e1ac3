namespace Butler.Workflows.Onboarding;

/// <summary>How a project's contract closed, if it has.</summary>
public enum ProjectClosing
{
    Fulfilled,
    Terminated,
}
