using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Runtime;

public sealed partial class WorkflowRunner
{
    /// <summary>
    /// A member of the task's role takes it. Two members claiming at once: both bump the instance's revision, so
    /// the second commit loses the optimistic-concurrency race, is retried, and finds the task claimed (409).
    /// </summary>
    public Task<OperationResult<Guid>> ClaimTaskAsync(Guid taskId, Actor actor, CancellationToken ct = default) =>
        ChangeClaimAsync(taskId, actor, JournalKind.TaskClaimed, (task, now) => task.Claim(actor, now), ct);

    /// <summary>Gives a claimed task back to its role: the claimer may, and so may an <paramref name="administrator"/>.</summary>
    public Task<OperationResult<Guid>> ReleaseTaskAsync(Guid taskId, Actor actor, bool administrator, CancellationToken ct = default) =>
        ChangeClaimAsync(taskId, actor, JournalKind.TaskReleased, (task, _) => task.Release(actor, administrator), ct);

    private Task<OperationResult<Guid>> ChangeClaimAsync(Guid taskId, Actor actor, JournalKind kind,
        Func<WorkItem, DateTimeOffset, TaskRule?> change, CancellationToken ct) =>
        WithRetry<Guid>(async db =>
        {
            var task = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == taskId, ct);
            if (task is null)
            {
                return OperationResult<Guid>.NotFound(Failure.TaskNotFound(taskId));
            }
            var previousClaimer = task.ClaimedBy;
            var now = time.GetUtcNow();
            if (change(task, now) is { } refusal)
            {
                return Refused(refusal, task);
            }
            var instance = await db.Instances.FirstAsync(i => i.Id == task.InstanceId, ct);
            var graph = await definitions.GetPublishedGraphAsync(db, instance.DefinitionId, instance.Version, ct);
            var detail = kind == JournalKind.TaskReleased && !string.Equals(previousClaimer, actor.UserName, StringComparison.OrdinalIgnoreCase)
                ? $"task:{task.Id:D}, claimed by {previousClaimer}"
                : $"task:{task.Id:D}";
            db.Journal.Add(JournalEntry.Next(instance, now, kind, task.ActivityId, graph?.Activities.GetValueOrDefault(task.ActivityId)?.Type,
                actor.UserName, detail: detail));
            // The revision is the instance's concurrency token: racing claims (or a claim racing a completion) cannot both commit.
            instance.Revision++;
            instance.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return OperationResult<Guid>.Ok(task.Id);
        }, ct);

    private static OperationResult<Guid> Refused(TaskRule rule, WorkItem task) => rule switch
    {
        TaskRule.NotARoleMember => OperationResult<Guid>.Forbidden(Failure.TaskNotRoleMember(task.AssigneeRole)),
        TaskRule.NotTheClaimer => OperationResult<Guid>.Forbidden(Failure.TaskNotClaimer(task.ClaimedBy)),
        TaskRule.NotARoleTask => OperationResult<Guid>.Conflict(Failure.TaskNotRoleTask()),
        TaskRule.AlreadyClaimed => OperationResult<Guid>.Conflict(Failure.TaskAlreadyClaimed(task.ClaimedBy)),
        TaskRule.NotClaimed => OperationResult<Guid>.Conflict(Failure.TaskNotClaimed()),
        TaskRule.NotOpen => OperationResult<Guid>.Conflict(Failure.TaskNotOpen(task.Status)),
        TaskRule.Delegated => OperationResult<Guid>.Conflict(Failure.TaskDelegated(task.DelegatedTo)),
        _ => OperationResult<Guid>.Forbidden(Failure.TaskNotAssigned()),
    };
}
