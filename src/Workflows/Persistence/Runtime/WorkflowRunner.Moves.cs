using System.Text.Json.Nodes;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Runtime;

/// <summary>
/// The everyday moves on an open task beside completing it: 转办 transfer, 委派 delegate and its send-back, 催办 urge.
/// Each is one stimulus: the task changes, the journal says who did it and why, the people it affects are notified,
/// and the instance's revision makes racing moves on the same run decide one after the other.
/// </summary>
public sealed partial class WorkflowRunner
{
    /// <summary>How often one person may urge one task.</summary>
    public static readonly TimeSpan UrgeInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// 转办: the task becomes <paramref name="to"/>'s (an account that exists and is not locked). Whoever may complete it
    /// now may, and so may someone who <paramref name="oversees"/> the work (a Leader or an Admin).
    /// </summary>
    public Task<OperationResult<Guid>> TransferTaskAsync(Guid taskId, Actor actor, string? to, string? comment, bool oversees,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        MoveAsync(taskId, actor, idempotencyKey, "transfer", async (db, task, errors) =>
        {
            if (!oversees && !task.MayActAsAssignee(actor))
            {
                return OperationResult<Guid>.Forbidden(Failure.TaskMayNotTransfer());
            }
            if (task.Status != WorkItemStatus.Open)
            {
                return OperationResult<Guid>.Conflict(Failure.TaskNotOpen(task.Status));
            }
            var user = await InputRules.UserAsync(services.Users, to, "to", errors, active: true, ct: ct);
            var why = InputRules.Text(comment, "comment", errors);
            if (user is not null && task.AssigneeUser is { } current && string.Equals(current, user, StringComparison.OrdinalIgnoreCase))
            {
                errors.Refuse("to", Failure.TaskTransferToSame(user));
            }
            return errors.Count > 0 ? (Move)OperationResult<Guid>.Invalid(errors) : Move.Apply(execution =>
            {
                var from = task.AssigneeUser ?? "role:" + task.AssigneeRole;
                task.TransferTo(user!);
                execution.Journal(JournalKind.TaskTransferred, ActivityOf(execution, task), comment: why, detail: $"task:{task.Id:D}, from {from} to {user}");
                execution.Notify([new RecipientSpec(user, null)], MoveModel(NotificationKind.TaskTransferred, task, actor, why),
                    $"transferred:{task.Id:D}:{execution.Instance.JournalCount}");
            });
        }, ct);

    /// <summary>
    /// 委派: the task's owner hands the work to <paramref name="to"/>, who sends it back with <see cref="ResolveTaskAsync"/>;
    /// the owner then completes it. A member of the task's role who has not claimed it claims it by delegating.
    /// </summary>
    public Task<OperationResult<Guid>> DelegateTaskAsync(Guid taskId, Actor actor, string? to, string? comment,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        MoveAsync(taskId, actor, idempotencyKey, "delegate", async (db, task, errors) =>
        {
            if (!task.MayActAsAssignee(actor))
            {
                return OperationResult<Guid>.Forbidden(Failure.TaskMayNotDelegate());
            }
            if (task.Status != WorkItemStatus.Open)
            {
                return OperationResult<Guid>.Conflict(Failure.TaskNotOpen(task.Status));
            }
            if (task.DelegatedTo is not null)
            {
                return OperationResult<Guid>.Conflict(Failure.TaskDelegated(task.DelegatedTo));
            }
            var user = await InputRules.UserAsync(services.Users, to, "to", errors, active: true, ct: ct);
            var why = InputRules.Text(comment, "comment", errors);
            if (user is not null && string.Equals(user, actor.UserName, StringComparison.OrdinalIgnoreCase))
            {
                errors.Refuse("to", Failure.TaskDelegateToSelf());
            }
            return errors.Count > 0 ? (Move)OperationResult<Guid>.Invalid(errors) : Move.Apply(execution =>
            {
                task.DelegateTo(actor.UserName, user!, execution.Now);
                execution.Journal(JournalKind.TaskDelegated, ActivityOf(execution, task), comment: why, detail: $"task:{task.Id:D}, to {user}");
                execution.Notify([new RecipientSpec(user, null)], MoveModel(NotificationKind.TaskDelegated, task, actor, why),
                    $"delegated:{task.Id:D}:{execution.Instance.JournalCount}");
            });
        }, ct);

    /// <summary>
    /// The delegate sends the task back to its owner with a comment and the form values they filled in (kept as a
    /// draft the owner sees; required fields may still be empty).
    /// </summary>
    public Task<OperationResult<Guid>> ResolveTaskAsync(Guid taskId, Actor actor, string? comment, JsonObject? values,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        MoveAsync(taskId, actor, idempotencyKey, "resolve", (db, task, errors) =>
        {
            if (!task.IsDelegate(actor))
            {
                return Task.FromResult<Move>(task.DelegatedTo is null && task.Status == WorkItemStatus.Open && task.MayActAsAssignee(actor)
                    ? OperationResult<Guid>.Conflict(Failure.TaskNotDelegated())
                    : OperationResult<Guid>.Forbidden(Failure.TaskNotDelegatedToYou()));
            }
            if (task.Status != WorkItemStatus.Open)
            {
                return Task.FromResult<Move>(OperationResult<Guid>.Conflict(Failure.TaskNotOpen(task.Status)));
            }
            var why = InputRules.Text(comment, "comment", errors);
            var draft = new JsonObject();
            CheckFields(task, values ?? [], errors, draft, draft: true);
            return Task.FromResult(errors.Count > 0 ? (Move)OperationResult<Guid>.Invalid(errors) : Move.Apply(execution =>
            {
                var owner = task.Owner;
                task.Resolve(draft.Count > 0 ? draft.ToJsonString() : null);
                execution.Journal(JournalKind.TaskResolved, ActivityOf(execution, task), comment: why,
                    detail: draft.Count > 0 ? $"task:{task.Id:D}, values {draft.ToJsonString()}" : $"task:{task.Id:D}");
                execution.Notify([new RecipientSpec(owner, null)], MoveModel(NotificationKind.TaskResolved, task, actor, why),
                    $"resolved:{task.Id:D}:{execution.Instance.JournalCount}");
            }));
        }, ct);

    /// <summary>
    /// 催办: someone who does not work on the task (a member of its role may urge the colleague who claimed it) asks
    /// its assignee (and the delegate) to hurry; once an hour per task and person, else <see cref="OperationStatus.TooSoon"/>.
    /// Who may see the task is the host's rule (leaders and admins oversee all): it calls this only for someone who may.
    /// </summary>
    public Task<OperationResult<Guid>> UrgeTaskAsync(Guid taskId, Actor actor, string? comment,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        MoveAsync(taskId, actor, idempotencyKey, "urge", async (db, task, errors) =>
        {
            if (task.MayActAsAssignee(actor) || task.IsDelegate(actor))
            {
                return OperationResult<Guid>.Forbidden(Failure.TaskMayNotUrge());
            }
            if (task.Status != WorkItemStatus.Open)
            {
                return OperationResult<Guid>.Conflict(Failure.TaskNotOpen(task.Status));
            }
            var why = InputRules.Text(comment, "comment", errors);
            if (errors.Count > 0)
            {
                return OperationResult<Guid>.Invalid(errors);
            }
            var now = time.GetUtcNow();
            var detail = $"task:{task.Id:D}";
            var since = now - UrgeInterval;
            var last = await db.Journal.AsNoTracking()
                .Where(j => j.InstanceId == task.InstanceId && j.Kind == JournalKind.TaskUrged && j.Actor == actor.UserName
                    && j.Detail == detail && j.At > since)
                .OrderByDescending(j => j.At).Select(j => (DateTimeOffset?)j.At).FirstOrDefaultAsync(ct);
            if (last is { } at)
            {
                var wait = at + UrgeInterval - now;
                return OperationResult<Guid>.TooSoon(Failure.TaskUrgedRecently((int)Math.Ceiling(wait.TotalMinutes)), wait);
            }
            return Move.Apply(execution =>
            {
                task.Urged(execution.Now);
                execution.Journal(JournalKind.TaskUrged, ActivityOf(execution, task), comment: why, detail: detail);
                execution.Notify(WorkersOf(task), MoveModel(NotificationKind.TaskUrged, task, actor, why), $"urged:{task.Id:D}:{task.UrgeCount}");
            });
        }, ct);

    private static Definitions.ActivityModel? ActivityOf(Execution execution, WorkItem task) =>
        execution.Graph.Activities.GetValueOrDefault(task.ActivityId);

    /// <summary>Who works on the task now: its claimer, else its assignee or role, and its delegate.</summary>
    private static List<RecipientSpec> WorkersOf(WorkItem task)
    {
        List<RecipientSpec> to = [task.ClaimedBy is { } claimer ? new RecipientSpec(claimer, null) : new RecipientSpec(task.AssigneeUser, task.AssigneeRole)];
        if (task.DelegatedTo is { } delegatedTo)
        {
            to.Add(new RecipientSpec(delegatedTo, null));
        }
        return to;
    }

    private static NotificationModel MoveModel(NotificationKind kind, WorkItem task, Actor actor, string? comment) =>
        new(kind, task.Title, task.InstanceId, TaskId: task.Id, DueAt: task.DueAt, Comment: comment, Actor: actor.UserName);

    /// <summary>What a move decided: refused, or a change to apply to the open run.</summary>
    private sealed record Move(OperationResult<Guid>? Refusal, Action<Execution>? Change)
    {
        public static Move Apply(Action<Execution> change) => new(null, change);

        public static implicit operator Move(OperationResult<Guid> refusal) => new(refusal, null);
    }

    /// <summary>
    /// Loads the task, lets <paramref name="decide"/> check the request and say what changes, then applies it to the run
    /// as one stimulus: journalled, notified and committed with the idempotency key.
    /// </summary>
    private Task<OperationResult<Guid>> MoveAsync(Guid taskId, Actor actor, IdempotencyKey? idempotencyKey, string kind,
        Func<ButlerDbContext, WorkItem, ValidationErrors, Task<Move>> decide, CancellationToken ct, bool allowFinished = false) =>
        WithRetry(idempotencyKey, ReplayWhen.Seen, async db =>
        {
            var task = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == taskId, ct);
            if (task is null)
            {
                return OperationResult<Guid>.NotFound(Failure.TaskNotFound(taskId));
            }
            // Whose task the actor works on as proxy, read before the move changes it.
            var acting = actor.ActingFor(task.RepresentedBy(actor));
            var move = await decide(db, task, new ValidationErrors());
            if (move.Refusal is { } refusal)
            {
                return refusal;
            }
            // An on-site office stands beside the flow: it can still be moved after the flow has ended; so can a move
            // that leaves the flow as it is (a copy).
            var loaded = await LoadAsync(db, task.InstanceId, ct, allowFinished: allowFinished || task.Kind != WorkItemKinds.Task);
            if (loaded.Failure is { } failure)
            {
                return failure;
            }
            var (instance, graph, bookmarks) = loaded.Value;
            var execution = await NewExecutionAsync(instance, graph, bookmarks, acting, time.GetUtcNow(), ct);
            move.Change!(execution);
            await CommitAsync(db, execution, idempotencyKey, kind, ct);
            return OperationResult<Guid>.Ok(task.Id);
        }, ct);
}
