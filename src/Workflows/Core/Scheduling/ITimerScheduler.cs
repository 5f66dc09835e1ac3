namespace Butler.Workflows.Scheduling;

/// <summary>Hands a committed timer to the executor (Hangfire); returns the executor's job id.</summary>
public interface ITimerScheduler
{
    string? Schedule(Guid timerId, DateTimeOffset dueAt);
}

/// <summary>No executor: timers wait for the reconciliation sweep or a direct call (engine tests, tools).</summary>
internal sealed class NoTimerScheduler : ITimerScheduler
{
    public string? Schedule(Guid timerId, DateTimeOffset dueAt) => null;
}
