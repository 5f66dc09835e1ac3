using System.Globalization;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;
using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;

namespace Butler.Workflows.Deadlines;

/// <summary>
/// What deadlines do to a run: arm the due time, reminders and ladder of a task or approval as durable timers, and,
/// when a timer fires or an escalation approval is decided, what to notify, open and re-arm. It works on the
/// in-memory <see cref="Execution"/>; the runner only loads the rows and calls it.
/// </summary>
internal static class DeadlineRuntime
{
    /// <summary>
    /// The due time of a task or approval: a duration from now (<c>"3wd"</c>), or <c>{"expression": …}</c> giving a
    /// duration or a point in time with its offset (e.g. a problem's agreed date).
    /// </summary>
    public static DateTimeOffset? ResolveDue(Execution execution, ActivityContext context, DueSpec? due)
    {
        if (due?.Duration is { } duration)
        {
            return execution.AddDuration(execution.Now, duration);
        }
        if (due?.Expression is not { } code)
        {
            return null;
        }
        var value = context.Evaluate(code);
        if (value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text))
        {
            if (BusinessDuration.TryParse(text, out var computed, out _))
            {
                return execution.AddDuration(execution.Now, computed);
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('T', StringComparison.Ordinal))
            {
                return at;
            }
        }
        throw new ExpressionException(code, $"'due' must give a duration (3wd, PT4H) or a date and time with its offset; it gave {value?.ToJsonString() ?? "null"}.");
    }

    /// <summary>Sets the task's due and warning times and arms its reminders and escalation ladder.</summary>
    public static void ArmTask(Execution execution, WorkItem item, DeadlinePolicy policy, DateTimeOffset dueAt)
    {
        item.DueAt = dueAt;
        item.WarnAt = Arm(execution, item.ActivityId, policy.Reminders, policy.Escalation, dueAt, item.Id, null);
    }

    /// <summary>Arms an approval's reminders and ladder.</summary>
    public static void ArmApproval(Execution execution, Approval approval, DeadlinePolicy policy, DateTimeOffset dueAt)
    {
        approval.DueAt = dueAt;
        Arm(execution, approval.ActivityId, policy.Reminders, policy.Escalation, dueAt, null, approval.Id);
    }

    private static DateTimeOffset? Arm(Execution execution, string activityId, IReadOnlyList<BusinessDuration> reminders,
        IReadOnlyList<EscalationStep> ladder, DateTimeOffset dueAt, Guid? workItemId, Guid? approvalId)
    {
        DateTimeOffset? warnAt = null;
        for (var i = 0; i < reminders.Count; i++)
        {
            var at = execution.AddDuration(dueAt, reminders[i]);
            warnAt = warnAt is null || at < warnAt ? at : warnAt;
            if (at > execution.Now)
            {
                execution.AddTimer(TimerKind.Reminder, activityId, at, i, workItemId, approvalId);
            }
        }
        foreach (var step in ladder)
        {
            execution.AddTimer(TimerKind.Escalation, activityId, execution.AddDuration(dueAt, step.After), step.Index, workItemId, approvalId);
        }
        return warnAt;
    }

    /// <summary>A reminder of an open task: its assignee is told it is due soon.</summary>
    public static void Remind(Execution execution, DurableTimer timer, ActivityModel? activity, WorkItem task)
    {
        if (task.Status != WorkItemStatus.Open)
        {
            return;
        }
        // The delegate works on the task, so they hear of its due time too.
        List<RecipientSpec> to = [new RecipientSpec(task.AssigneeUser, task.AssigneeRole)];
        if (task.DelegatedTo is { } delegatedTo)
        {
            to.Add(new RecipientSpec(delegatedTo, null));
        }
        execution.Notify(to,
            new NotificationModel(NotificationKind.Reminder, task.Title, task.InstanceId, TaskId: task.Id, DueAt: task.DueAt),
            $"reminder:{timer.Id}");
        execution.Journal(JournalKind.ReminderSent, activity, detail: task.AssigneeUser ?? "role:" + task.AssigneeRole);
    }

    /// <summary>A reminder of a pending approval: its approvers are told it is due soon.</summary>
    public static void Remind(Execution execution, DurableTimer timer, ActivityModel? activity, Approval approval)
    {
        if (approval.Status != ApprovalStatus.Pending)
        {
            return;
        }
        execution.Notify(approval.Approvers,
            new NotificationModel(NotificationKind.Reminder, approval.Title, approval.InstanceId, ApprovalId: approval.Id, DueAt: approval.DueAt),
            $"reminder:{timer.Id}");
        execution.Journal(JournalKind.ReminderSent, activity, detail: $"approval {approval.Id}");
    }

    /// <summary>The ladder step a timer fires, or null when its activity has no such step (any more).</summary>
    public static EscalationStep? StepOf(Execution execution, DurableTimer timer) =>
        execution.Graph.DeadlinesOf(timer.ActivityId).Step(timer.Step);

    /// <summary>
    /// An escalation step of an open task: raises its level, notifies whom the step names and opens the step's approval
    /// (about the task, with its own due time and reminders).
    /// </summary>
    public static void Escalate(Execution execution, DurableTimer timer, ActivityModel activity, WorkItem task, DeadlineVocabulary words)
    {
        if (StepOf(execution, timer) is not { } step || task.Status != WorkItemStatus.Open)
        {
            return;
        }
        var context = new ActivityContext(execution, activity, null);
        task.EscalationLevel = Math.Max(task.EscalationLevel, timer.Step + 1);
        var overdue = WorkingDaysLate(execution, task.DueAt);
        var assignee = new RecipientSpec(task.AssigneeUser, task.AssigneeRole);
        var notify = words.Resolve(step.Notify, [assignee], context.Variables, context.ResolveApprovers);
        if (notify.Count > 0)
        {
            execution.Notify(notify, new NotificationModel(NotificationKind.Escalation, task.Title, task.InstanceId,
                TaskId: task.Id, DueAt: task.DueAt, OverdueWorkingDays: overdue), $"escalation:{timer.Id}");
        }
        execution.Journal(JournalKind.Escalated, activity, detail: $"step {timer.Step + 1}, {overdue} working day(s) overdue");
        if (step.ActionOutcome is { } outcome)
        {
            CompleteOnTimeout(execution, activity, task, outcome, timer.Step);
            return;
        }
        if (step.Approval is { } spec)
        {
            var approvers = spec.Approvers is { } named ? context.ResolveApprovers(named) : words.DefaultApprovers(context.Variables);
            var outcomes = spec.Outcomes ?? words.DefaultEscalationOutcomes;
            var approval = execution.NewApproval(task.ActivityId, task.Title, null, approvers, outcomes, spec.Mode, task, timer.Step);
            if (spec.Due is { } due)
            {
                var dueAt = execution.AddDuration(execution.Now, due);
                approval.DueAt = dueAt;
                Arm(execution, approval.ActivityId, spec.Reminders, [], dueAt, null, approval.Id);
            }
        }
    }

    /// <summary>An escalation step of a pending approval: notifies whom the step names.</summary>
    public static void Escalate(Execution execution, DurableTimer timer, ActivityModel activity, Approval approval, DeadlineVocabulary words)
    {
        if (StepOf(execution, timer) is not { } step || approval.Status != ApprovalStatus.Pending)
        {
            return;
        }
        var context = new ActivityContext(execution, activity, null);
        var notify = words.Resolve(step.Notify, approval.Approvers, context.Variables, context.ResolveApprovers);
        if (notify.Count > 0)
        {
            execution.Notify(notify, new NotificationModel(NotificationKind.Escalation, approval.Title, approval.InstanceId,
                ApprovalId: approval.Id, DueAt: approval.DueAt, OverdueWorkingDays: WorkingDaysLate(execution, approval.DueAt)), $"escalation:{timer.Id}");
        }
        execution.Journal(JournalKind.Escalated, activity, detail: $"approval {approval.Id}, step {timer.Step + 1}");
        if (step.ActionOutcome is { } outcome && approval.Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            execution.Journal(JournalKind.TimedOutAction, activity, outcome, detail: $"approval {approval.Id}, step {timer.Step + 1}");
            approval.Decide(outcome, execution.Now);
            execution.Journal(JournalKind.ApprovalDecided, activity, outcome, detail: $"approval {approval.Id}");
            if (approval.EscalatedTaskId is null && execution.Bookmarks.FirstOrDefault(b => b.ApprovalId == approval.Id) is { } bookmark)
            {
                var vote = new ApprovalVote { ApprovalId = approval.Id, Approver = execution.Actor.UserName, Outcome = outcome, At = execution.Now };
                execution.Resume(bookmark, new ApprovalDecidedStimulus(execution.Actor, approval, outcome, vote));
            }
        }
    }

    /// <summary>
    /// 超时自动处理: completes an overdue task with the ladder step's outcome, as done by the system on timeout, with the
    /// values its form holds so far; the flow runs on as if its assignee had completed it.
    /// </summary>
    private static void CompleteOnTimeout(Execution execution, ActivityModel activity, WorkItem task, string outcome, int step)
    {
        if (!(System.Text.Json.JsonSerializer.Deserialize<string[]>(task.OutcomesJson) ?? []).Contains(outcome, StringComparer.Ordinal))
        {
            // The definition changed under a running task: an outcome it no longer offers is not forced on it.
            return;
        }
        execution.Journal(JournalKind.TimedOutAction, activity, outcome, detail: $"task:{task.Id:D}, step {step + 1}");
        var values = System.Text.Json.Nodes.JsonNode.Parse(task.ValuesJson ?? "{}") as System.Text.Json.Nodes.JsonObject ?? [];
        WorkflowInterpreter.CloseTask(execution, task, outcome, null, values);
        if (execution.Bookmarks.FirstOrDefault(b => b.WorkItemId == task.Id) is { } bookmark)
        {
            execution.Resume(bookmark, new TaskCompletedStimulus(execution.Actor, task, outcome, null, values));
        }
    }

    /// <summary>True when the decision moves the task's due time, so its pending timers must be cancelled before <see cref="ApplyDecision"/> re-arms.</summary>
    public static bool Extends(WorkItem task, string decided, ApprovalVote vote) =>
        task.Status == WorkItemStatus.Open && decided == Approval.Extend && vote.NewDue is not null;

    /// <summary>
    /// Applies an escalation approval's decision to its task: Extend re-arms the deadline from the new due time,
    /// Reassign hands the task over, an extension's outcome applies its operations; then the assignee (and the new
    /// one) hear of the decision.
    /// </summary>
    public static void ApplyDecision(Execution execution, Approval approval, WorkItem task, string decided, ApprovalVote vote,
        ActivityModel? activity, DeadlineVocabulary words)
    {
        var assignee = new RecipientSpec(task.AssigneeUser, task.AssigneeRole);
        if (task.Status == WorkItemStatus.Open)
        {
            switch (decided)
            {
                case Approval.Extend when vote.NewDue is { } newDue:
                    task.EscalationLevel = 0;
                    ArmTask(execution, task, activity is null ? DeadlinePolicy.None : DeadlinePolicy.Of(activity), newDue);
                    execution.Journal(JournalKind.TaskExtended, activity, detail: $"new due {newDue:O}");
                    break;
                case Approval.Reassign when vote.ReassignTo is { } user:
                    task.AssigneeUser = user;
                    task.AssigneeRole = null;
                    execution.Journal(JournalKind.TaskReassigned, activity, detail: $"to {user}");
                    break;
                default:
                    if (words.FindOutcome(decided) is { } extension)
                    {
                        foreach (var operation in extension.Decide(new EscalationDecision(task, approval, vote, execution.Now)))
                        {
                            Apply(execution, task, activity, operation);
                        }
                    }
                    break;
            }
        }
        var to = new List<RecipientSpec> { assignee };
        if (decided == Approval.Reassign && vote.ReassignTo is { } newAssignee)
        {
            to.Add(new RecipientSpec(newAssignee, null));
        }
        execution.Notify(to, new NotificationModel(NotificationKind.ApprovalDecided, task.Title, task.InstanceId, TaskId: task.Id,
            ApprovalId: approval.Id, DueAt: task.DueAt, Outcome: decided, Comment: vote.Comment, Actor: vote.Approver), $"decided:{approval.Id}");
    }

    private static void Apply(Execution execution, WorkItem task, ActivityModel? activity, EscalationOperation operation)
    {
        switch (operation)
        {
            case OpenSideTask side:
                var item = new WorkItem
                {
                    Id = Guid.CreateVersion7(execution.Now),
                    InstanceId = task.InstanceId,
                    ActivityId = task.ActivityId,
                    Kind = side.Kind,
                    Title = side.Title.Truncate(500),
                    AssigneeUser = side.AssigneeUser,
                    OutcomesJson = System.Text.Json.JsonSerializer.Serialize(side.Outcomes),
                    FieldsJson = "[]",
                    Status = WorkItemStatus.Open,
                    CreatedAt = execution.Now,
                };
                execution.Changes.Add(item);
                execution.Journal(JournalKind.TaskCreated, activity, detail: $"{side.Note} {item.Id} for {side.AssigneeUser}");
                break;
            default:
                throw new InvalidOperationException($"Unknown escalation operation {operation.GetType().Name}.");
        }
    }

    private static int WorkingDaysLate(Execution execution, DateTimeOffset? dueAt) =>
        dueAt is { } due ? execution.Calendar.WorkingDaysLate(due, execution.Now) : 0;
}
