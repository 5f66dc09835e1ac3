using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Scheduling;

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
