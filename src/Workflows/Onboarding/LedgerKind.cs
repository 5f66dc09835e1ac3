namespace Butler.Workflows.Onboarding;

public enum LedgerKind
{
    Created,
    StageChanged,
    Updated,
    Note,
    ProblemRaised,
    ProblemResolved,
    Investment,
    Dispatch,
    Closed,
}
