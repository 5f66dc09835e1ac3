namespace Butler.Workflows.Notifications;

/// <summary>How the outbox is delivered: batch size, retries, leases and back-off.</summary>
public sealed class OutboxDispatcherOptions
{
    /// <summary>At most this many messages per <see cref="OutboxDispatcher.DispatchDueAsync"/>.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>A message the server keeps refusing is marked Failed after this many attempts; an unreachable server never fails one.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How long a host holds a message it is sending before another host may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failed attempt; it doubles with each further one.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the given number of failed attempts: base, 2×base, 4×base … up to the cap.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ticks = BackoffBase.Ticks * Math.Pow(2, exponent);
        return ticks >= BackoffCap.Ticks ? BackoffCap : TimeSpan.FromTicks((long)ticks);
    }
}
