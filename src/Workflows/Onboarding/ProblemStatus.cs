namespace Butler.Workflows.Onboarding;

public enum ProblemStatus
{
    Open,
    Resolved,
}
