namespace Butler.Workflows.Scheduling;

public enum TimerKind
{
    /// <summary>A reminder before a task's or approval's due time.</summary>
    Reminder,

    /// <summary>One step of an escalation ladder after the due time.</summary>
    Escalation,

    /// <summary>A Delay activity's wake-up.</summary>
    Delay,

    /// <summary>A WaitSignal's timeout.</summary>
    SignalTimeout,
}
