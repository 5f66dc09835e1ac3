using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Butler.Workflows.Scheduling;

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
