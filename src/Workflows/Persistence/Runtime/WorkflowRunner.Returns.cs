using Butler.Workflows.Activities;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Runtime;

/// <summary>An earlier step a task may be sent back to: the step and the task that completed it last.</summary>
public sealed record ReturnTarget(string ActivityId, LocalizedText Name, WorkItem Completed);

/// <summary>退回 send back and 撤回 withdraw: an earlier step of the run opens again for the person who completed it.</summary>
public sealed partial class WorkflowRunner
{
    /// <summary>
    /// The earlier steps <paramref name="task"/> may be sent back to: human tasks of its own branch (not across a
    /// parallel split or join) that were completed before it opened, the latest of each, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ReturnTarget>> ReturnTargetsAsync(WorkItem task, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReturnTargetsAsync(db, task, ct);
    }

    private async Task<IReadOnlyList<ReturnTarget>> ReturnTargetsAsync(ButlerDbContext db, WorkItem task, CancellationToken ct)
    {
        if (task.Kind != WorkItemKinds.Task || task.Status != WorkItemStatus.Open)
        {
            return [];
        }
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == task.InstanceId, ct);
        if (instance is null || await definitions.GetPublishedGraphAsync(db, instance.DefinitionId, instance.Version, ct) is not { } graph)
        {
            return [];
        }
        var upstream = graph.BranchUpstream(task.ActivityId);
        upstream.Remove(task.ActivityId);
        var created = task.CreatedAt;
        var done = await db.WorkItems.AsNoTracking()
            .Where(w => w.InstanceId == task.InstanceId && w.Status == WorkItemStatus.Done && w.Kind == WorkItemKinds.Task && w.CompletedAt <= created)
            .ToListAsync(ct);
        return
        [
            .. done.Where(w => upstream.Contains(w.ActivityId) && w.CompletedBy is not null)
                .GroupBy(w => w.ActivityId, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(w => w.CompletedAt).First())
                .OrderBy(w => w.CompletedAt)
                .Select(w => new ReturnTarget(w.ActivityId, graph.Activities[w.ActivityId].Name ?? new LocalizedText(w.ActivityId), w)),
        ];
    }

    /// <summary>
    /// 退回: whoever may complete the task sends it back to an earlier step of its branch (<see cref="ReturnTargetsAsync(WorkItem, CancellationToken)"/>)
    /// with a required reason. The task closes as returned, whatever waits between that step and it is cancelled, and
    /// the step opens again for the person who completed it, their values filled in; they are told why.
    /// </summary>
    public Task<OperationResult<Guid>> ReturnTaskAsync(Guid taskId, Actor actor, string? to, string? comment,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        MoveAsync(taskId, actor, idempotencyKey, "return", async (db, task, errors) =>
        {
            if (!task.MayActAsAssignee(actor))
            {
                return OperationResult<Guid>.Forbidden(Failure.TaskMayNotReturn());
            }
            if (task.Status != WorkItemStatus.Open)
            {
                return OperationResult<Guid>.Conflict(Failure.TaskNotOpen(task.Status));
            }
            if (task.DelegatedTo is not null)
            {
                return OperationResult<Guid>.Conflict(Failure.TaskDelegated(task.DelegatedTo));
            }
            string? why = null;
            if (string.IsNullOrWhiteSpace(comment))
            {
                errors.Refuse("comment", Failure.TaskReturnReason());
            }
            else
            {
                why = InputRules.Text(comment, "comment", errors);
            }
            var targets = await ReturnTargetsAsync(db, task, ct);
            var target = targets.FirstOrDefault(t => string.Equals(t.ActivityId, to, StringComparison.Ordinal));
            if (target is null)
            {
                errors.Refuse("to", string.IsNullOrWhiteSpace(to) ? Failure.Required("to") : Failure.TaskReturnTarget(to));
            }
            return errors.Count > 0 ? (Move)OperationResult<Guid>.Invalid(errors) : Move.Apply(execution =>
            {
                var earlier = target!.Completed;
                WorkflowInterpreter.Reopen(execution, [task], WorkItemStatus.Returned, earlier, why, JournalKind.TaskReturned);
                execution.Notify([new RecipientSpec(earlier.CompletedBy, null)],
                    new NotificationModel(NotificationKind.TaskReturned, earlier.Title, task.InstanceId, Comment: why, Actor: actor.UserName),
                    $"returned:{task.Id:D}");
            });
        }, ct);

    /// <summary>
    /// 撤回: the person who completed the step that opened this task takes it back while nobody has touched what it
    /// opened (no claim, delegation, transfer, note or file on any task that completion opened). Those tasks close as
    /// withdrawn and the step opens again for them, their values filled in.
    /// </summary>
    public Task<OperationResult<Guid>> WithdrawTaskAsync(Guid taskId, Actor actor, string? comment,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        MoveAsync(taskId, actor, idempotencyKey, "withdraw", async (db, task, errors) =>
        {
            var created = task.CreatedAt;
            var earlier = task.Kind != WorkItemKinds.Task ? null : await db.WorkItems.AsNoTracking()
                .FirstOrDefaultAsync(w => w.InstanceId == task.InstanceId && w.Status == WorkItemStatus.Done && w.Kind == WorkItemKinds.Task
                    && w.CompletedAt == created, ct);
            if (earlier is null || !string.Equals(earlier.CompletedBy, actor.UserName, StringComparison.OrdinalIgnoreCase))
            {
                return OperationResult<Guid>.Forbidden(Failure.TaskNotYourStep());
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
            // Everything that completion opened goes back with it, so redoing the step does not open a task twice.
            var opened = await db.WorkItems.Where(w => w.InstanceId == task.InstanceId && w.CreatedAt == created && w.Kind == WorkItemKinds.Task).ToListAsync(ct);
            if (opened.Any(w => w.Status != WorkItemStatus.Open) || !await UntouchedAsync(db, opened, ct))
            {
                return OperationResult<Guid>.Conflict(Failure.TaskTouched());
            }
            var closing = opened.Select(w => w.Id == task.Id ? task : w).ToList();
            return Move.Apply(execution =>
                WorkflowInterpreter.Reopen(execution, closing, WorkItemStatus.Withdrawn, earlier, why, JournalKind.TaskWithdrawn));
        }, ct);

    /// <summary>True when nobody has taken up any of the tasks: no claim, delegation, transfer, note or file.</summary>
    private static async Task<bool> UntouchedAsync(ButlerDbContext db, List<WorkItem> tasks, CancellationToken ct)
    {
        if (tasks.Any(t => t.ClaimedBy is not null || t.DelegatedTo is not null))
        {
            return false;
        }
        var ids = tasks.Select(t => t.Id).ToList();
        if (await db.TaskNotes.AnyAsync(n => ids.Contains(n.WorkItemId), ct) || await db.TaskAttachments.AnyAsync(a => ids.Contains(a.WorkItemId), ct))
        {
            return false;
        }
        var instanceId = tasks[0].InstanceId;
        var details = ids.Select(id => $"task:{id:D}").ToList();
        var moves = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && (j.Kind == JournalKind.TaskTransferred || j.Kind == JournalKind.TaskDelegated))
            .Select(j => j.Detail).ToListAsync(ct);
        return !moves.Any(d => d is not null && details.Any(prefix => d.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
