using Hangfire;

namespace Butler.Workflows.Scheduling;

/// <summary>Schedules a committed timer as a Hangfire delayed job.</summary>
public sealed class HangfireTimerScheduler(IBackgroundJobClient jobs) : ITimerScheduler
{
    public string? Schedule(Guid timerId, DateTimeOffset dueAt) =>
        jobs.Schedule<TimerJobs>(j => j.FireAsync(timerId, CancellationToken.None), dueAt);
}
