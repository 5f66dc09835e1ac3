namespace Butler.Workflows.Onboarding;

/// <summary>Settings of the weekly dispatch: <c>Butler:Onboarding:DispatchCron</c>.</summary>
public sealed class DispatchOptions
{
    /// <summary>Monday 09:00 in the deployment's time zone.</summary>
    public const string DefaultCron = "0 9 * * 1";

    /// <summary>
    /// When the weekly dispatch runs, as a cron expression (5 fields, or 6 with seconds first) read in the deployment's
    /// time zone. Empty turns the recurring job off; an administrator can still run a week through the API.
    /// </summary>
    public string Cron { get; set; } = DefaultCron;

    /// <summary>
    /// A run this much before a scheduled occurrence counts as that occurrence's run: a host whose clock lags a little
    /// behind the one that triggered the job must not take Monday 08:59:59 for last week and skip this one.
    /// </summary>
    public TimeSpan EarlyTolerance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The definition a decision recorded at a meeting starts (a task for the assignee, due when agreed).</summary>
    public string ActionDefinitionId { get; set; } = DispatchService.ActionDefinitionId;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Cron);
}
