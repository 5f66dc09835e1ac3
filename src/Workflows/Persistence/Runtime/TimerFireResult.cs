namespace Butler.Workflows.Runtime;

/// <summary>What a timer job achieved.</summary>
public enum TimerFireResult
{
    Fired,
    NotYetDue,
    AlreadyHandled,
    Missing,
}
