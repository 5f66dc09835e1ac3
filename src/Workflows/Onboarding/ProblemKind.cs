namespace Butler.Workflows.Onboarding;

public enum ProblemKind
{
    Land,
    Environmental,
    Financing,
    Power,
    Other,
}
