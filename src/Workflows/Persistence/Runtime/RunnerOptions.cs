namespace Butler.Workflows.Runtime;

/// <summary>Limits of the runner.</summary>
public sealed class RunnerOptions
{
    /// <summary>Activities one stimulus may run before the instance is faulted as a runaway loop.</summary>
    public int MaxStepsPerStimulus { get; set; } = 1000;

    /// <summary>How often a stimulus is retried after losing an optimistic-concurrency race.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The working-day calendar deadlines are counted in.</summary>
    public string CalendarId { get; set; } = "cn";

    /// <summary>A timer job that runs this much before its due time waits instead (Hangfire may run a job early).</summary>
    public TimeSpan EarlyTolerance { get; set; } = TimeSpan.FromMilliseconds(20);
}
