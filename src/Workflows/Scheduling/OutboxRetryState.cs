namespace Butler.Workflows.Scheduling;

/// <summary>The earliest retry run this host has scheduled for the outbox, so overlapping runs do not schedule many.</summary>
public sealed class OutboxRetryState
{
    private long _scheduledFor = long.MaxValue;

    /// <summary>A retry run started: whatever was scheduled up to a second from now is taken as this run (Hangfire may run early).</summary>
    public void Started(DateTimeOffset now)
    {
        var current = Interlocked.Read(ref _scheduledFor);
        if (current <= now.AddSeconds(1).UtcTicks)
        {
            Interlocked.CompareExchange(ref _scheduledFor, long.MaxValue, current);
        }
    }

    /// <summary>True when a run at <paramref name="at"/> is earlier than the one already scheduled; it is then recorded.</summary>
    public bool ShouldSchedule(DateTimeOffset at)
    {
        var current = Interlocked.Read(ref _scheduledFor);
        return at.UtcTicks < current && Interlocked.CompareExchange(ref _scheduledFor, at.UtcTicks, current) == current;
    }
}
