using Butler.Workflows.Activities;

namespace Butler.Workflows.Deadlines;

/// <summary>The deadline inputs shared by HumanTask and Approval.</summary>
internal static class DeadlineInputs
{
    public static readonly InputDescriptor Due = new("due", InputType.Duration, false,
        new("Due", "期限"),
        new("How long the step may take: working days (3wd) or ISO 8601 (PT4H).", "办理时限：工作日（3wd）或 ISO 8601（PT4H）。"));

    public static readonly InputDescriptor Reminders = new("reminders", InputType.ReminderList, false,
        new("Reminders", "催办提醒"),
        new("Offsets before the due time, e.g. -1wd, -PT2H; the assignee is reminded then.", "到期前的提醒时间，如 -1wd、-PT2H。"));

    public static readonly InputDescriptor Escalation = new("escalation", InputType.EscalationLadder, false,
        new("Escalation", "逾期督办"),
        new("Steps after the due time: whom to notify and which approval to open.", "逾期后的督办步骤：通知谁、是否请领导决策。"));
}
