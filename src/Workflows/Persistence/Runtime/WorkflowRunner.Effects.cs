using System.Text.Json.Nodes;
using Butler.Workflows.Calendar;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
    IEnumerable<IWorkflowObserver> observers)
{
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

/// <summary>What a timer job achieved.</summary>
public enum TimerFireResult
{
    Fired,
    NotYetDue,
    AlreadyHandled,
    Missing,
}

public sealed partial class WorkflowRunner
{
    public static readonly IReadOnlyList<string> EscalationApprovalOutcomes =
        [Approval.Approve, Approval.Extend, Approval.Reassign, Approval.OnSiteOffice];

    /// <summary>Fires a durable timer: a reminder, an escalation step, a delay or a signal timeout. Firing twice does nothing more.</summary>
    public Task<OperationResult<TimerFireResult>> FireTimerAsync(Guid timerId, CancellationToken ct = default) =>
        WithRetry<TimerFireResult>(null, ReplayWhen.Seen, async db =>
        {
            var timer = await db.Timers.FirstOrDefaultAsync(t => t.Id == timerId, ct);
            if (timer is null)
            {
                return OperationResult<TimerFireResult>.Ok(TimerFireResult.Missing);
            }
            if (timer.Status != TimerStatus.Pending)
            {
                return OperationResult<TimerFireResult>.Ok(TimerFireResult.AlreadyHandled);
            }
            var now = time.GetUtcNow();
            if (timer.DueAt - now > _options.EarlyTolerance)
            {
                return OperationResult<TimerFireResult>.Ok(TimerFireResult.NotYetDue);
            }
            var loaded = await LoadAsync(db, timer.InstanceId, ct);
            if (loaded.Error is not null)
            {
                timer.Cancel();
                await db.SaveChangesAsync(ct);
                return OperationResult<TimerFireResult>.Ok(TimerFireResult.AlreadyHandled);
            }
            var (instance, graph, bookmarks) = loaded.Value;
            var execution = await NewExecutionAsync(db, instance, graph, bookmarks, Actor.System, now, ct);
            timer.Fire(now);
            var activity = graph.Activities.GetValueOrDefault(timer.ActivityId);
            switch (timer.Kind)
            {
                case TimerKind.Reminder:
                    await RemindAsync(db, execution, timer, activity, ct);
                    break;
                case TimerKind.Escalation:
                    await EscalateAsync(db, execution, timer, activity, ct);
                    break;
                default:
                    var bookmark = bookmarks.FirstOrDefault(b => b.Id == timer.BookmarkId);
                    if (bookmark is not null)
                    {
                        execution.Journal(JournalKind.TimerFired, activity, detail: timer.Kind.ToString());
                        execution.Resume(bookmark, new TimerStimulus(Actor.System, timer));
                    }
                    break;
            }
            await CommitAsync(db, execution, null, "timer", ct);
            return OperationResult<TimerFireResult>.Ok(TimerFireResult.Fired);
        }, ct);

    private static async Task RemindAsync(ButlerDbContext db, Execution execution, DurableTimer timer, Definitions.ActivityModel? activity, CancellationToken ct)
    {
        if (timer.WorkItemId is { } taskId)
        {
            var task = await db.WorkItems.FirstAsync(w => w.Id == taskId, ct);
            if (task.Status != WorkItemStatus.Open)
            {
                return;
            }
            execution.Notify([new RecipientSpec(task.AssigneeUser, task.AssigneeRole)],
                new NotificationModel(NotificationKind.Reminder, task.Title, task.InstanceId, TaskId: task.Id, DueAt: task.DueAt),
                $"reminder:{timer.Id}");
            execution.Journal(JournalKind.ReminderSent, activity, detail: task.AssigneeUser ?? "role:" + task.AssigneeRole);
        }
        else if (timer.ApprovalId is { } approvalId)
        {
            var approval = await db.Approvals.FirstAsync(a => a.Id == approvalId, ct);
            if (approval.Status != ApprovalStatus.Pending)
            {
                return;
            }
            execution.Notify(approval.Approvers,
                new NotificationModel(NotificationKind.Reminder, approval.Title, approval.InstanceId, ApprovalId: approval.Id, DueAt: approval.DueAt),
                $"reminder:{timer.Id}");
            execution.Journal(JournalKind.ReminderSent, activity, detail: $"approval {approval.Id}");
        }
    }

    private static async Task EscalateAsync(ButlerDbContext db, Execution execution, DurableTimer timer, Definitions.ActivityModel? activity, CancellationToken ct)
    {
        if (activity?.Inputs["escalation"] is not JsonArray ladder || timer.Step >= ladder.Count || ladder[timer.Step] is not JsonObject step)
        {
            return;
        }
        var context = new ActivityContext(execution, activity, null);
        if (timer.WorkItemId is { } taskId)
        {
            var task = await db.WorkItems.FirstAsync(w => w.Id == taskId, ct);
            if (task.Status != WorkItemStatus.Open)
            {
                return;
            }
            task.EscalationLevel = Math.Max(task.EscalationLevel, timer.Step + 1);
            var overdue = WorkingDaysLate(execution, task.DueAt);
            var assignee = new RecipientSpec(task.AssigneeUser, task.AssigneeRole);
            var notify = ResolveNotify(step["notify"], [assignee], context);
            if (notify.Count > 0)
            {
                execution.Notify(notify, new NotificationModel(NotificationKind.Escalation, task.Title, task.InstanceId,
                    TaskId: task.Id, DueAt: task.DueAt, OverdueWorkingDays: overdue), $"escalation:{timer.Id}");
            }
            execution.Journal(JournalKind.Escalated, activity, detail: $"step {timer.Step + 1}, {overdue} working day(s) overdue");
            if (step["approval"] is JsonObject approvalInputs)
            {
                var approvers = approvalInputs["approvers"] is { } spec
                    ? context.ResolveApprovers(spec)
                    : ResolveNotify(new JsonArray("responsibleLeader"), [assignee], context);
                var outcomes = approvalInputs["outcomes"] is JsonArray { Count: > 0 }
                    ? Activities.HumanTaskActivity.ReadOutcomes(approvalInputs)
                    : EscalationApprovalOutcomes;
                var mode = approvalInputs["mode"]?.GetValue<string>() ?? "any";
                var approval = execution.NewApproval(task.ActivityId, task.Title, null, approvers, outcomes, mode, task, timer.Step);
                if (approvalInputs["due"] is JsonValue due && due.TryGetValue<string>(out var duration))
                {
                    Deadlines.ArmApproval(execution, approval, approvalInputs, execution.AddDuration(execution.Now, duration));
                }
            }
        }
        else if (timer.ApprovalId is { } approvalId)
        {
            var approval = await db.Approvals.FirstAsync(a => a.Id == approvalId, ct);
            if (approval.Status != ApprovalStatus.Pending)
            {
                return;
            }
            var notify = ResolveNotify(step["notify"], approval.Approvers, context);
            if (notify.Count > 0)
            {
                execution.Notify(notify, new NotificationModel(NotificationKind.Escalation, approval.Title, approval.InstanceId,
                    ApprovalId: approval.Id, DueAt: approval.DueAt, OverdueWorkingDays: WorkingDaysLate(execution, approval.DueAt)), $"escalation:{timer.Id}");
            }
            execution.Journal(JournalKind.Escalated, activity, detail: $"approval {approval.Id}, step {timer.Step + 1}");
        }
    }

    /// <summary>The people an escalation step names: specs, or the words assignee, teamLead and responsibleLeader.</summary>
    /// <remarks>Until projects exist, responsibleLeader is the variable <c>responsibleLeader</c> (a user name) or else
    /// the Leader role, and teamLead the variable <c>teamLead</c>.</remarks>
    private static List<RecipientSpec> ResolveNotify(JsonNode? notify, IReadOnlyList<RecipientSpec> assignee, ActivityContext context)
    {
        var result = new List<RecipientSpec>();
        if (notify is not JsonArray people)
        {
            return result;
        }
        foreach (var person in people)
        {
            if (person is JsonValue word && word.TryGetValue<string>(out var w))
            {
                switch (w)
                {
                    case "assignee":
                        result.AddRange(assignee);
                        break;
                    case "responsibleLeader":
                        result.Add(context.Variables["responsibleLeader"] is JsonValue leader && leader.TryGetValue<string>(out var name) && name.Length > 0
                            ? new RecipientSpec(name, null)
                            : new RecipientSpec(null, "Leader"));
                        break;
                    case "teamLead":
                        if (context.Variables["teamLead"] is JsonValue lead && lead.TryGetValue<string>(out var leadName) && leadName.Length > 0)
                        {
                            result.Add(new RecipientSpec(leadName, null));
                        }
                        break;
                }
            }
            else
            {
                result.AddRange(context.ResolveApprovers(person));
            }
        }
        return result.Distinct().ToList();
    }

    private static int WorkingDaysLate(Execution execution, DateTimeOffset? dueAt) =>
        dueAt is { } due ? execution.Calendar.WorkingDaysLate(due, execution.Now) : 0;

    /// <summary>Records an approver's vote; when the votes decide, continues the flow or applies the decision to the escalated task.</summary>
    public Task<OperationResult<Guid>> DecideAsync(Guid approvalId, Actor actor, string? outcome, string? comment,
        DateTimeOffset? newDue, string? reassignTo, IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry<Guid>(idempotencyKey, ReplayWhen.Conflict, async db =>
        {
            var approval = await db.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, ct);
            if (approval is null)
            {
                return OperationResult<Guid>.NotFound($"No approval {approvalId}.");
            }
            if (!approval.IsApprover(actor))
            {
                return OperationResult<Guid>.Forbidden("Only an approver of this approval may decide it.");
            }
            if (approval.Status != ApprovalStatus.Pending)
            {
                return OperationResult<Guid>.Conflict($"The approval is already {approval.Status.ToString().ToLowerInvariant()}.");
            }
            var votes = await db.ApprovalVotes.Where(v => v.ApprovalId == approvalId).ToListAsync(ct);
            if (votes.Any(v => string.Equals(v.Approver, actor.UserName, StringComparison.OrdinalIgnoreCase)))
            {
                return OperationResult<Guid>.Conflict("You have already decided this approval.");
            }
            var now = time.GetUtcNow();
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(outcome) || !approval.Outcomes.Contains(outcome, StringComparer.Ordinal))
            {
                errors["outcome"] = [$"Choose one of {string.Join(", ", approval.Outcomes)}."];
            }
            if (outcome == Approval.Extend && (newDue is null || newDue <= now))
            {
                errors["newDue"] = ["Extend needs a new due time in the future (ISO 8601 with an offset)."];
            }
            else if (outcome == Approval.Extend)
            {
                InputRules.Instant(newDue, "newDue", errors);
            }
            if (outcome == Approval.Reassign)
            {
                if (string.IsNullOrWhiteSpace(reassignTo))
                {
                    errors["reassignTo"] = ["Reassign needs the user name of the new assignee."];
                }
                else if ((await services.Users.ResolveAsync([new RecipientSpec(reassignTo, null)], ct)).Count == 0)
                {
                    errors["reassignTo"] = [$"There is no user '{reassignTo}'."];
                }
            }
            InputRules.Text(comment, "comment", errors);
            if (errors.Count > 0)
            {
                return OperationResult<Guid>.Invalid(errors);
            }
            var loaded = await LoadAsync(db, approval.InstanceId, ct);
            if (loaded.Failure is { } failure)
            {
                return failure;
            }
            var (instance, graph, bookmarks) = loaded.Value;
            var execution = await NewExecutionAsync(db, instance, graph, bookmarks, actor, now, ct);
            var activity = graph.Activities.GetValueOrDefault(approval.ActivityId);
            var vote = new ApprovalVote
            {
                Id = Guid.CreateVersion7(now),
                ApprovalId = approval.Id,
                Approver = actor.UserName,
                Outcome = outcome!,
                Comment = comment,
                NewDue = outcome == Approval.Extend ? newDue : null,
                ReassignTo = outcome == Approval.Reassign ? reassignTo : null,
                At = now,
            };
            db.ApprovalVotes.Add(vote);
            // The tally below is decided on the votes read above; touching the approval makes a vote cast meanwhile
            // fail this commit, which is then retried with every vote in view.
            db.Touch(approval);
            votes.Add(vote);
            execution.Journal(JournalKind.ApprovalVoted, activity, outcome, comment, $"approval {approval.Id}");

            if (approval.Tally(votes) is { } decided)
            {
                approval.Decide(decided, now);
                execution.Journal(JournalKind.ApprovalDecided, activity, decided, comment, $"approval {approval.Id}");
                var deciding = votes.Where(v => v.Outcome == decided).OrderByDescending(v => v.At).First();
                if (approval.EscalatedTaskId is { } taskId)
                {
                    await CancelTimersAsync(db, execution, t => t.ApprovalId == approval.Id, ct);
                    await ApplyEscalationDecisionAsync(db, execution, approval, taskId, decided, deciding, activity, ct);
                }
                else if (bookmarks.FirstOrDefault(b => b.ApprovalId == approval.Id) is { } bookmark)
                {
                    execution.Resume(bookmark, new ApprovalDecidedStimulus(actor, approval, decided, deciding));
                }
            }
            await CommitAsync(db, execution, idempotencyKey, "approval", ct);
            return OperationResult<Guid>.Ok(approval.Id);
        }, ct);

    private static async Task ApplyEscalationDecisionAsync(ButlerDbContext db, Execution execution, Approval approval, Guid taskId,
        string decided, ApprovalVote vote, Definitions.ActivityModel? activity, CancellationToken ct)
    {
        var task = await db.WorkItems.FirstAsync(w => w.Id == taskId, ct);
        var assignee = new RecipientSpec(task.AssigneeUser, task.AssigneeRole);
        if (task.Status == WorkItemStatus.Open)
        {
            switch (decided)
            {
                case Approval.Extend when vote.NewDue is { } newDue:
                    await CancelTimersAsync(db, execution, t => t.WorkItemId == task.Id, ct);
                    task.EscalationLevel = 0;
                    Deadlines.ArmTask(execution, task, activity?.Inputs ?? [], newDue);
                    execution.Journal(JournalKind.TaskExtended, activity, detail: $"new due {newDue:O}");
                    break;
                case Approval.Reassign when vote.ReassignTo is { } user:
                    task.AssigneeUser = user;
                    task.AssigneeRole = null;
                    execution.Journal(JournalKind.TaskReassigned, activity, detail: $"to {user}");
                    break;
                case Approval.OnSiteOffice:
                    var office = new WorkItem
                    {
                        Id = Guid.CreateVersion7(execution.Now),
                        InstanceId = task.InstanceId,
                        ActivityId = task.ActivityId,
                        Kind = WorkItemKinds.OnSiteOffice,
                        Title = Truncate($"领导现场办公 / Leader on-site office: {task.Title}", 500),
                        AssigneeUser = vote.Approver,
                        OutcomesJson = "[\"Done\"]",
                        FieldsJson = "[]",
                        Status = WorkItemStatus.Open,
                        CreatedAt = execution.Now,
                    };
                    execution.Changes.Add(office);
                    execution.Journal(JournalKind.TaskCreated, activity, detail: $"on-site office {office.Id} for {vote.Approver}");
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

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    private static Task CancelTimersAsync(ButlerDbContext db, Execution execution, System.Linq.Expressions.Expression<Func<DurableTimer, bool>> match, CancellationToken ct) =>
        ChangeSetCommitter.CancelTimersAsync(db, execution.Changes, match, ct);

    /// <summary>Ends the stimulus in memory and hands its change set to the committer.</summary>
    private Task CommitAsync(ButlerDbContext db, Execution execution, IdempotencyKey? idempotencyKey, string kind, CancellationToken ct) =>
        committer.CommitAsync(db, execution.Finish(), idempotencyKey, kind, ct);
}
