using Hangfire;

namespace Butler.Workflows.Scheduling;

/// <summary>Wakes the mailer with a Hangfire job as soon as messages are committed.</summary>
public sealed class HangfireOutboxSignal(IBackgroundJobClient jobs) : IOutboxSignal
{
    public void MessagesWritten(IReadOnlyCollection<Guid> messageIds) =>
        jobs.Enqueue<OutboxJobs>(j => j.DispatchAsync(CancellationToken.None));
}
