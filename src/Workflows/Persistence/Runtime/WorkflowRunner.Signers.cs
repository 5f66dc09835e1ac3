using Butler.Workflows.Input;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Runtime;

/// <summary>加签 and 减签: adding people to an open approval, and taking off those who have not voted.</summary>
public sealed partial class WorkflowRunner
{
    /// <summary>The most people one 加签 may add.</summary>
    public const int MaxAddedSigners = 20;

    /// <summary>
    /// 加签: adds people to sign an approval <see cref="ApprovalSigner.Before"/>, <see cref="ApprovalSigner.After"/> or
    /// beside (<see cref="ApprovalSigner.Parallel"/>) the actor's own seat, when the actor is an approver who has not
    /// voted; someone who <paramref name="oversees"/> the work (a Leader or an Admin) otherwise adds them to the
    /// approval as a whole (before or after everyone, or as one more approver).
    /// </summary>
    public Task<OperationResult<Guid>> AddSignersAsync(Guid approvalId, Actor actor, IReadOnlyList<string?>? add, string? position, string? comment,
        bool oversees, IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry(idempotencyKey, ReplayWhen.Conflict, async db =>
        {
            var approval = await db.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, ct);
            if (approval is null)
            {
                return OperationResult<Guid>.NotFound(Failure.ApprovalNotFound(approvalId));
            }
            var votes = await db.ApprovalVotes.Where(v => v.ApprovalId == approvalId).ToListAsync(ct);
            var voted = votes.Any(v => string.Equals(v.Approver, actor.UserName, StringComparison.OrdinalIgnoreCase));
            var seat = approval.IsApprover(actor) && !approval.IsSigner(actor.UserName) && !voted ? actor.UserName : null;
            if (seat is null && !oversees)
            {
                return OperationResult<Guid>.Forbidden(Failure.ApprovalMayNotAddSigners());
            }
            if (approval.Status != ApprovalStatus.Pending)
            {
                return OperationResult<Guid>.Conflict(Failure.ApprovalAlreadyDecided(approval.Status));
            }
            if (!approval.Outcomes.Contains(Approval.Approve))
            {
                return OperationResult<Guid>.Conflict(Failure.ApprovalNoSigning());
            }
            var errors = new ValidationErrors();
            if (position is null || !ApprovalSigner.Positions.Contains(position, StringComparer.Ordinal))
            {
                errors.Refuse("position", Failure.ChooseOne(ApprovalSigner.Positions));
            }
            var names = await SignersToAddAsync(approval, votes, actor, add, errors, ct);
            var why = InputRules.Text(comment, "comment", errors);
            if (errors.Count > 0)
            {
                return OperationResult<Guid>.Invalid(errors);
            }
            var now = time.GetUtcNow();
            var (execution, refused) = await ExecutionForAsync(db, approval.InstanceId, actor, now, ct);
            if (execution is null)
            {
                return refused!;
            }
            var graph = execution.Graph;
            var asked = approval.Awaiting(votes);
            approval.AddSigners(names.Select(n => new ApprovalSigner(n, position!, seat, actor.UserName, now, why)));
            execution.Journal(JournalKind.SignersAdded, graph.Activities.GetValueOrDefault(approval.ActivityId), comment: why,
                detail: $"approval {approval.Id}: {position}{(seat is null ? "" : " " + seat)}: {string.Join(", ", names)}");
            WorkflowInterpreter.Recount(execution, approval, votes, asked, null);
            await CommitAsync(db, execution, idempotencyKey, "signers", ct);
            return OperationResult<Guid>.Ok(approval.Id);
        }, ct);

    /// <summary>The people a 加签 names: at least one, each an active account not yet deciding the approval; refusals name <c>add[i]</c>.</summary>
    private async Task<List<string>> SignersToAddAsync(Approval approval, IReadOnlyList<ApprovalVote> votes, Actor actor, IReadOnlyList<string?>? add,
        ValidationErrors errors, CancellationToken ct)
    {
        var names = new List<string>();
        if (add is null || add.Count == 0)
        {
            errors.Refuse("add", Failure.Required("add"));
            return names;
        }
        if (add.Count > MaxAddedSigners)
        {
            errors.Refuse("add", Failure.TooManyEntries("add", MaxAddedSigners));
            return names;
        }
        for (var i = 0; i < add.Count; i++)
        {
            var field = $"add[{i}]";
            if (await InputRules.UserAsync(services.Users, add[i], field, errors, active: true, ct: ct) is not { } user)
            {
                continue;
            }
            bool Same(string? other) => string.Equals(other, user, StringComparison.OrdinalIgnoreCase);
            if (Same(actor.UserName) || approval.Approvers.Any(a => Same(a.User)) || approval.IsSigner(user) || votes.Any(v => Same(v.Approver))
                || names.Any(Same))
            {
                errors.Refuse(field, Failure.ApprovalAlreadySigns(user));
                continue;
            }
            names.Add(user);
        }
        return names;
    }

    /// <summary>
    /// 减签: takes a signer who has not voted off an open approval, by whoever added them or an Admin
    /// (<paramref name="administers"/>). What remains is tallied again, so the approval may be decided by it.
    /// </summary>
    public Task<OperationResult<Guid>> RemoveSignerAsync(Guid approvalId, Actor actor, string userName, bool administers,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry(idempotencyKey, ReplayWhen.Conflict, async db =>
        {
            var approval = await db.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, ct);
            if (approval is null)
            {
                return OperationResult<Guid>.NotFound(Failure.ApprovalNotFound(approvalId));
            }
            var signer = approval.Signers.FirstOrDefault(s => string.Equals(s.User, userName, StringComparison.OrdinalIgnoreCase));
            if (signer is null)
            {
                return OperationResult<Guid>.NotFound(Failure.ApprovalSignerNotFound(userName));
            }
            if (!administers && !string.Equals(signer.AddedBy, actor.UserName, StringComparison.OrdinalIgnoreCase))
            {
                return OperationResult<Guid>.Forbidden(Failure.ApprovalMayNotRemoveSigner());
            }
            if (approval.Status != ApprovalStatus.Pending)
            {
                return OperationResult<Guid>.Conflict(Failure.ApprovalAlreadyDecided(approval.Status));
            }
            var votes = await db.ApprovalVotes.Where(v => v.ApprovalId == approvalId).ToListAsync(ct);
            if (votes.Any(v => string.Equals(v.Approver, signer.User, StringComparison.OrdinalIgnoreCase)))
            {
                return OperationResult<Guid>.Conflict(Failure.ApprovalSignerVoted(signer.User));
            }
            var now = time.GetUtcNow();
            var (execution, refused) = await ExecutionForAsync(db, approval.InstanceId, actor, now, ct);
            if (execution is null)
            {
                return refused!;
            }
            var graph = execution.Graph;
            var asked = approval.Awaiting(votes);
            approval.RemoveSigner(signer.User);
            execution.Journal(JournalKind.SignerRemoved, graph.Activities.GetValueOrDefault(approval.ActivityId),
                detail: $"approval {approval.Id}: {signer.User}");
            // Without them the votes cast may now decide it.
            if (WorkflowInterpreter.Recount(execution, approval, votes, asked, null) is { } decided && approval.EscalatedTaskId is { } taskId)
            {
                await CancelTimersAsync(db, execution, t => t.ApprovalId == approval.Id, ct);
                var deciding = votes.Where(v => v.Outcome == decided).OrderByDescending(v => v.At).FirstOrDefault()
                    ?? new ApprovalVote { ApprovalId = approval.Id, Approver = actor.UserName, Outcome = decided, At = now };
                await ApplyEscalationDecisionAsync(db, execution, approval, taskId, decided, deciding,
                    graph.Activities.GetValueOrDefault(approval.ActivityId), ct);
            }
            await CommitAsync(db, execution, idempotencyKey, "signers", ct);
            return OperationResult<Guid>.Ok(approval.Id);
        }, ct);
}
