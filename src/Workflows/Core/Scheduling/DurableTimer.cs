namespace Butler.Workflows.Scheduling;

/// <summary>A point in time the engine must act at. This row is the truth; a Hangfire delayed job only executes it.</summary>
public sealed class DurableTimer
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public TimerKind Kind { get; set; }
    public Guid? WorkItemId { get; set; }
    public Guid? ApprovalId { get; set; }

    /// <summary>The bookmark this timer resumes or guards (Delay, WaitSignal timeout).</summary>
    public Guid? BookmarkId { get; set; }

    /// <summary>Index of the reminder or escalation step this timer stands for.</summary>
    public int Step { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public TimerStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }

    /// <summary>The Hangfire job that will fire this timer, once scheduled.</summary>
    public string? JobId { get; set; }

    public bool Fire(DateTimeOffset at)
    {
        if (Status != TimerStatus.Pending)
        {
            return false;
        }
        Status = TimerStatus.Fired;
        FiredAt = at;
        return true;
    }

    public void Cancel()
    {
        if (Status == TimerStatus.Pending)
        {
            Status = TimerStatus.Cancelled;
        }
    }
}
