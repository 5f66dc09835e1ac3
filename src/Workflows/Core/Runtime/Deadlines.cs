using System.Text.Json.Nodes;
using Butler.Workflows.Scheduling;

namespace Butler.Workflows.Runtime;

/// <summary>Turns <c>due</c>, <c>reminders</c> and <c>escalation</c> inputs into due times and durable timers.</summary>
internal static class Deadlines
{
    /// <summary>Sets the task's due and warning times and arms its reminders and escalation ladder.</summary>
    public static void ArmTask(Execution execution, WorkItem item, JsonObject inputs, DateTimeOffset dueAt)
    {
        item.DueAt = dueAt;
        item.WarnAt = Arm(execution, item.ActivityId, inputs, dueAt, item.Id, null);
    }

    /// <summary>Arms an approval's reminders and ladder from its inputs.</summary>
    public static void ArmApproval(Execution execution, Approval approval, JsonObject inputs, DateTimeOffset dueAt)
    {
        approval.DueAt = dueAt;
        Arm(execution, approval.ActivityId, inputs, dueAt, null, approval.Id);
    }

    private static DateTimeOffset? Arm(Execution execution, string activityId, JsonObject inputs, DateTimeOffset dueAt, Guid? workItemId, Guid? approvalId)
    {
        DateTimeOffset? warnAt = null;
        if (inputs["reminders"] is JsonArray reminders)
        {
            for (var i = 0; i < reminders.Count; i++)
            {
                var at = execution.AddDuration(dueAt, reminders[i]!.GetValue<string>());
                warnAt = warnAt is null || at < warnAt ? at : warnAt;
                if (at > execution.Now)
                {
                    execution.AddTimer(TimerKind.Reminder, activityId, at, i, workItemId, approvalId);
                }
            }
        }
        if (inputs["escalation"] is JsonArray ladder)
        {
            for (var i = 0; i < ladder.Count; i++)
            {
                var after = ladder[i]?["after"]?.GetValue<string>() ?? "PT0S";
                execution.AddTimer(TimerKind.Escalation, activityId, execution.AddDuration(dueAt, after), i, workItemId, approvalId);
            }
        }
        return warnAt;
    }
}
