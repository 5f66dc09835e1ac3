using Butler.Workflows.Onboarding;
using Hangfire;

namespace Butler.Workflows.Scheduling;

/// <summary>Hangfire entry point for the weekly dispatch (周例会调度): the recurring job and the start-up catch-up.</summary>
public sealed class DispatchJobs(DispatchService dispatch)
{
    /// <summary>The id of the recurring job.</summary>
    public const string RecurringJobId = "butler-weekly-dispatch";

    /// <summary>
    /// Runs the week of the latest scheduled occurrence if it has not run. Hangfire's own catch-up of missed occurrences,
    /// a restart's check and a second host may all call this for one week: only the first does anything.
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    public Task RunDueAsync(CancellationToken cancellationToken) => dispatch.RunDueAsync(cancellationToken);
}
