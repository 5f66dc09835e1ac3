using Butler.Workflows.Calendar;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Runtime;

public sealed partial class WorkflowRunner
{
    /// <summary>Fires a durable timer: a reminder, an escalation step, a delay or a signal timeout. Firing twice does nothing more.</summary>
    public Task<OperationResult<TimerFireResult>> FireTimerAsync(Guid timerId, CancellationToken ct = default) =>
        WithRetry<TimerFireResult>(async db =>
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
            var execution = await NewExecutionAsync(instance, graph, bookmarks, Actor.System, now, ct);
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
            DeadlineRuntime.Remind(execution, timer, activity, await db.WorkItems.FirstAsync(w => w.Id == taskId, ct));
        }
        else if (timer.ApprovalId is { } approvalId)
        {
            DeadlineRuntime.Remind(execution, timer, activity, await db.Approvals.FirstAsync(a => a.Id == approvalId, ct));
        }
    }

    private async Task EscalateAsync(ButlerDbContext db, Execution execution, DurableTimer timer, Definitions.ActivityModel? activity, CancellationToken ct)
    {
        if (activity is null || DeadlineRuntime.StepOf(execution, timer) is null)
        {
            return;
        }
        if (timer.WorkItemId is { } taskId)
        {
            DeadlineRuntime.Escalate(execution, timer, activity, await db.WorkItems.FirstAsync(w => w.Id == taskId, ct), services.Deadlines);
        }
        else if (timer.ApprovalId is { } approvalId)
        {
            DeadlineRuntime.Escalate(execution, timer, activity, await db.Approvals.FirstAsync(a => a.Id == approvalId, ct), services.Deadlines);
        }
    }

    /// <summary>Records an approver's vote; when the votes decide, continues the flow or applies the decision to the escalated task.</summary>
    public Task<OperationResult<Guid>> DecideAsync(Guid approvalId, Actor actor, string? outcome, string? comment,
        DateTimeOffset? newDue, string? reassignTo, IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry(idempotencyKey, ReplayWhen.Conflict, async db =>
        {
            var approval = await db.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, ct);
            if (approval is null)
            {
                return OperationResult<Guid>.NotFound(Failure.ApprovalNotFound(approvalId));
            }
            if (!approval.IsApprover(actor))
            {
                return OperationResult<Guid>.Forbidden(Failure.ApprovalNotApprover());
            }
            if (approval.Status != ApprovalStatus.Pending)
            {
                return OperationResult<Guid>.Conflict(Failure.ApprovalAlreadyDecided(approval.Status));
            }
            var votes = await db.ApprovalVotes.Where(v => v.ApprovalId == approvalId).ToListAsync(ct);
            if (approval.SeatOf(actor, votes) is not { } seat)
            {
                return OperationResult<Guid>.Conflict(Failure.ApprovalAlreadyVoted());
            }
            if (approval.NotYet(Approval.SeatHolder(actor, seat), votes) is { } waiting)
            {
                return OperationResult<Guid>.Conflict(Failure.ApprovalNotYourTurn(waiting.Select(w => w.User ?? w.Role!)));
            }
            var now = time.GetUtcNow();
            var errors = new ValidationErrors();
            if (string.IsNullOrWhiteSpace(outcome) || !approval.Outcomes.Contains(outcome, StringComparer.Ordinal))
            {
                errors.Refuse("outcome", Failure.ChooseOne(approval.Outcomes));
            }
            if (outcome == Approval.Extend && (newDue is null || newDue <= now))
            {
                errors.Refuse("newDue", Failure.NewDueRequired());
            }
            else if (outcome == Approval.Extend)
            {
                InputRules.Instant(newDue, "newDue", errors);
            }
            if (outcome == Approval.Reassign)
            {
                if (string.IsNullOrWhiteSpace(reassignTo))
                {
                    errors.Refuse("reassignTo", Failure.ReassignRequired());
                }
                else if ((await services.Users.ResolveAsync([new RecipientSpec(reassignTo, null)], ct)).Count == 0)
                {
                    errors.Refuse("reassignTo", Failure.NoUser(reassignTo));
                }
            }
            InputRules.Text(comment, "comment", errors);
            if (errors.Count > 0)
            {
                return OperationResult<Guid>.Invalid(errors);
            }
            var (execution, refused) = await ExecutionForAsync(db, approval.InstanceId, actor.ActingFor(seat), now, ct);
            if (execution is null)
            {
                return refused!;
            }
            var graph = execution.Graph;
            var vote = new ApprovalVote
            {
                Id = Guid.CreateVersion7(now),
                ApprovalId = approval.Id,
                Approver = seat,
                CastBy = actor.IsNamed(seat) ? null : actor.UserName,
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
            if (WorkflowInterpreter.CastVote(execution, approval, votes, vote) is { } decided && approval.EscalatedTaskId is { } taskId)
            {
                await CancelTimersAsync(db, execution, t => t.ApprovalId == approval.Id, ct);
                await ApplyEscalationDecisionAsync(db, execution, approval, taskId, decided.Outcome, decided.Vote,
                    graph.Activities.GetValueOrDefault(approval.ActivityId), ct);
            }
            await CommitAsync(db, execution, idempotencyKey, "approval", ct);
            return OperationResult<Guid>.Ok(approval.Id);
        }, ct);

    private async Task ApplyEscalationDecisionAsync(ButlerDbContext db, Execution execution, Approval approval, Guid taskId,
        string decided, ApprovalVote vote, Definitions.ActivityModel? activity, CancellationToken ct)
    {
        var task = await db.WorkItems.FirstAsync(w => w.Id == taskId, ct);
        if (DeadlineRuntime.Extends(task, decided, vote))
        {
            await CancelTimersAsync(db, execution, t => t.WorkItemId == task.Id, ct);
        }
        DeadlineRuntime.ApplyDecision(execution, approval, task, decided, vote, activity, services.Deadlines);
    }

    private static Task CancelTimersAsync(ButlerDbContext db, Execution execution, System.Linq.Expressions.Expression<Func<DurableTimer, bool>> match, CancellationToken ct) =>
        ChangeSetCommitter.CancelTimersAsync(db, execution.Changes, match, ct);

    /// <summary>Ends the stimulus in memory and hands its change set to the committer.</summary>
    private Task CommitAsync(ButlerDbContext db, Execution execution, IdempotencyKey? idempotencyKey, string kind, CancellationToken ct) =>
        committer.CommitAsync(db, execution.Finish(), idempotencyKey, kind, ct);
}
