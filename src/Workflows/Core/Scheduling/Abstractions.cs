namespace Butler.Workflows.Scheduling;

/// <summary>Hands a committed timer to the executor (Hangfire); returns the executor's job id.</summary>
public interface ITimerScheduler
{
    string? Schedule(Guid timerId, DateTimeOffset dueAt);
}

/// <summary>Told after commit that outbox messages wait, so delivery starts at once instead of at the next sweep.</summary>
public interface IOutboxSignal
{
    void MessagesWritten(IReadOnlyCollection<Guid> messageIds);
}

/// <summary>No executor: timers wait for the reconciliation sweep or a direct call (engine tests, tools).</summary>
internal sealed class NoTimerScheduler : ITimerScheduler
{
    public string? Schedule(Guid timerId, DateTimeOffset dueAt) => null;
}

internal sealed class NoOutboxSignal : IOutboxSignal
{
    public void MessagesWritten(IReadOnlyCollection<Guid> messageIds)
    {
    }
}
