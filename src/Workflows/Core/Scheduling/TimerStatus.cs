namespace Butler.Workflows.Scheduling;

public enum TimerStatus
{
    Pending,
    Fired,
    Cancelled,
}
