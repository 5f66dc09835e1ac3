namespace Butler.Workflows.Scheduling;

/// <summary>Settings of the scheduling sweep.</summary>
public sealed class SchedulingOptions
{
    /// <summary>A pending timer this long past due is fired by the sweep: Hangfire evidently lost or delayed its job.</summary>
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A pending timer without a job this long after it was committed gets one (the host died in between).</summary>
    public TimeSpan UnscheduledGrace { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// A timer job that runs at most this much before its timer is due waits for it instead of scheduling a new job.
    /// Hangfire keeps delayed jobs in whole seconds, so most jobs become due up to a second early; another job would
    /// cost another round through Hangfire's storage (measured: 18–63 % more jobs than timers, and up to 0.8 s late).
    /// </summary>
    public TimeSpan EarlyWait { get; set; } = TimeSpan.FromSeconds(2);
}
