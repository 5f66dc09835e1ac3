using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Butler.Workflows.Scheduling;

/// <summary>Schedules a committed timer as a Hangfire delayed job.</summary>
public sealed class HangfireTimerScheduler(IBackgroundJobClient jobs) : ITimerScheduler
{
    public string? Schedule(Guid timerId, DateTimeOffset dueAt) =>
        jobs.Schedule<TimerJobs>(j => j.FireAsync(timerId, CancellationToken.None), dueAt);
}

/// <summary>Wakes the mailer with a Hangfire job as soon as messages are committed.</summary>
public sealed class HangfireOutboxSignal(IBackgroundJobClient jobs) : IOutboxSignal
{
    public void MessagesWritten(IReadOnlyCollection<Guid> messageIds) =>
        jobs.Enqueue<OutboxJobs>(j => j.DispatchAsync(CancellationToken.None));
}

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

/// <summary>Hangfire entry points for timers: firing one, and the reconciliation sweep.</summary>
public sealed partial class TimerJobs(
    WorkflowRunner runner,
    IDbContextFactory<ButlerDbContext> dbFactory,
    IBackgroundJobClient jobs,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<SchedulingOptions> options,
    ILogger<TimerJobs> logger)
{
    /// <summary>
    /// Fires the timer. Hangfire may run a job early: a timer due within <see cref="SchedulingOptions.EarlyWait"/> is
    /// waited for, one due later is scheduled again.
    /// </summary>
    [AutomaticRetry(Attempts = 10)]
    public async Task FireAsync(Guid timerId, CancellationToken cancellationToken)
    {
        while ((await runner.FireTimerAsync(timerId, cancellationToken)).Value == TimerFireResult.NotYetDue)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dueAt = await db.Timers.Where(t => t.Id == timerId).Select(t => t.DueAt).FirstAsync(cancellationToken);
            var wait = dueAt - time.GetUtcNow();
            if (wait > options.Value.EarlyWait)
            {
                jobs.Schedule<TimerJobs>(j => j.FireAsync(timerId, CancellationToken.None), dueAt);
                return;
            }
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }

    /// <summary>
    /// The database is the truth: every pending timer that has no job, or is overdue though it has one, is handed to
    /// Hangfire again. Firing is idempotent, so a timer handed over twice still acts once.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var unscheduledBefore = now - settings.UnscheduledGrace;
        var overdueBefore = now - settings.OverdueGrace;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lost = await db.Timers.AsNoTracking()
            .Where(t => t.Status == TimerStatus.Pending
                && ((t.JobId == null && t.CreatedAt < unscheduledBefore) || t.DueAt < overdueBefore))
            .OrderBy(t => t.DueAt)
            .Take(settings.BatchSize)
            .Select(t => new { t.Id, t.DueAt })
            .ToListAsync(cancellationToken);
        // One short write per timer, no transaction around the batch: a transaction held across a thousand Hangfire
        // calls would block every firing commit on SQLite for seconds.
        foreach (var timer in lost)
        {
            var jobId = timer.DueAt <= now
                ? jobs.Enqueue<TimerJobs>(j => j.FireAsync(timer.Id, CancellationToken.None))
                : jobs.Schedule<TimerJobs>(j => j.FireAsync(timer.Id, CancellationToken.None), timer.DueAt);
            await db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.JobId, jobId), cancellationToken);
        }
        if (lost.Count > 0)
        {
            LogReconciled(lost.Count);
        }
        return lost.Count;
    }

    /// <summary>
    /// Hands every pending timer to Hangfire, for a Hangfire storage that starts empty (in memory): the timer rows
    /// survive a restart, the jobs do not. Due ones are enqueued, the others scheduled; firing is idempotent, so a
    /// timer that also had a job elsewhere still acts once. Job ids are written once per batch.
    /// </summary>
    public async Task<int> RehydrateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Guid> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending).Select(t => t.Id).ToListAsync(cancellationToken);
        }
        foreach (var chunk in pending.Chunk(Math.Max(1, options.Value.BatchSize)))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            foreach (var timer in await db.Timers.Where(t => chunk.Contains(t.Id) && t.Status == TimerStatus.Pending).ToListAsync(cancellationToken))
            {
                var timerId = timer.Id;
                timer.JobId = timer.DueAt <= now
                    ? jobs.Enqueue<TimerJobs>(j => j.FireAsync(timerId, CancellationToken.None))
                    : jobs.Schedule<TimerJobs>(j => j.FireAsync(timerId, CancellationToken.None), timer.DueAt);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        if (pending.Count > 0)
        {
            LogRehydrated(pending.Count);
        }
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed {Count} pending timer(s) to Hangfire's empty storage at start")]
    private partial void LogRehydrated(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation handed {Count} pending timer(s) to Hangfire again")]
    private partial void LogReconciled(int count);
}

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

/// <summary>Hangfire entry point for delivering the outbox.</summary>
public sealed class OutboxJobs(OutboxDispatcher dispatcher, IDbContextFactory<ButlerDbContext> dbFactory, IBackgroundJobClient jobs,
    OutboxRetryState retries, TimeProvider time)
{
    /// <summary>Sends what is due; when messages wait for a retry, schedules one run for the earliest of them.</summary>
    /// <remarks>Runs may overlap (one is enqueued per commit): the dispatcher claims each message before sending it.</remarks>
    [AutomaticRetry(Attempts = 3)]
    public async Task DispatchAsync(CancellationToken cancellationToken)
    {
        retries.Started(time.GetUtcNow());
        await dispatcher.DispatchDueAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var next = await db.Outbox.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.NextAttemptAt)
            .Select(m => m.NextAttemptAt).Take(1).ToListAsync(cancellationToken);
        if (next.Count == 1)
        {
            var earliest = time.GetUtcNow().AddSeconds(0.5);
            var at = next[0] > earliest ? next[0] : earliest;
            if (retries.ShouldSchedule(at))
            {
                jobs.Schedule<OutboxJobs>(j => j.DispatchAsync(CancellationToken.None), at);
            }
        }
    }
}
