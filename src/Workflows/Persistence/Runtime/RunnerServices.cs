using Butler.Workflows.Calendar;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Notifications;
using Butler.Workflows.Scheduling;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Runtime;

/// <summary>What the runner needs beyond the engine itself: calendars, people, links and the executors of effects.</summary>
public sealed class RunnerServices(
    CalendarService calendars,
    IOptions<CalendarOptions> calendarOptions,
    IUserDirectory users,
    IDecisionLinks links,
    OutboxWriter outbox,
    ITimerScheduler timers,
    IOutboxSignal outboxSignal,
    IEnumerable<IWorkflowObserver> observers,
    DeadlineVocabulary deadlines)
{
    /// <summary>The words escalation steps may name and the outcomes escalation approvals offer, with the extensions registered.</summary>
    public DeadlineVocabulary Deadlines { get; } = deadlines;
    public IReadOnlyList<IWorkflowObserver> Observers { get; } = observers.ToList();
    public CalendarService Calendars { get; } = calendars;
    public IUserDirectory Users { get; } = users;
    public IDecisionLinks Links { get; } = links;
    public OutboxWriter Outbox { get; } = outbox;
    public ITimerScheduler Timers { get; } = timers;
    public IOutboxSignal OutboxSignal { get; } = outboxSignal;

    /// <summary>Used when the configured calendar does not exist: weekends only, in the deployment's time zone.</summary>
    public WorkingCalendar WeekendsOnly { get; } = new("weekends", "Weekends only", [], [],
        calendarOptions.Value.ResolveTimeZone(), calendarOptions.Value.WorkdayEnd);
}
