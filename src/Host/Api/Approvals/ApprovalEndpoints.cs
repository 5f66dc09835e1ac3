using System.Security.Claims;
using Butler.Host.Api.Idempotency;
using Butler.Host.Identity;
using Butler.Workflows.Definitions;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Butler.Workflows.Input;

namespace Butler.Host.Api.Approvals;

/// <param name="Approver">The seat the vote fills.</param>
/// <param name="CastBy">Who cast it when not the approver: their proxy (代理人); null when they voted themselves.</param>
public sealed record VoteView(string Approver, string Outcome, string? Comment, DateTimeOffset At, DateTimeOffset? NewDue, string? ReassignTo, string? CastBy = null);

public sealed record EscalatedTaskView(Guid Id, string Title, string? AssigneeUser, string? AssigneeRole, DateTimeOffset? DueAt,
    string Light, int EscalationLevel, string Status);

/// <summary>
/// An approval: its approvers (in order, for sequential), the signers added to it (加签), the weights and threshold
/// (票签), whom it waits for now (<c>awaiting</c>: 依次审批 names only the next) and the votes cast.
/// </summary>
public sealed record ApprovalView(Guid Id, Guid InstanceId, string ActivityId, string Title, string? Reason, string Mode,
    IReadOnlyList<string> Outcomes, IReadOnlyList<RecipientSpec> Approvers, string Status, string? Outcome,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? DecidedAt, EscalatedTaskView? EscalatedTask, IReadOnlyList<VoteView> Votes)
{
    public IReadOnlyList<ApprovalSigner> Signers { get; init; } = [];

    /// <summary>In the caller's pending list: the approver they would decide for as their proxy (代理人); null when it is their own.</summary>
    public string? OnBehalfOf { get; init; }
    public IReadOnlyDictionary<string, int>? Weights { get; init; }
    public int? Threshold { get; init; }
    public IReadOnlyList<RecipientSpec> Awaiting { get; init; } = [];

    /// <summary>The escalation level (1 for the ladder's first step) that opened it; null unless it is about a task.</summary>
    public int? EscalationLevel { get; init; }
}

/// <summary>加签: people to add, where they sign (before, after or beside the caller's seat), and why.</summary>
public sealed record AddSignersRequest(IReadOnlyList<string?>? Add, string? Position, string? Comment);

public sealed record DecideRequest(string? Outcome, string? Comment, DateTimeOffset? NewDue, string? ReassignTo);

/// <summary>批量审批: one outcome and comment for many approvals, for the API and the approvals page alike.</summary>
public static class ApprovalBatch
{
    /// <summary>
    /// Decides each approval on its own, in its own transaction: a stale or foreign id is refused alone, with its code
    /// and message in <paramref name="culture"/>; a retry of the whole batch with the same key is answered by the
    /// idempotency middleware from the first.
    /// </summary>
    public static async Task<IReadOnlyList<BatchDecideResult>> DecideAsync(WorkflowRunner runner, Actor actor, IEnumerable<Guid> ids, string outcome,
        string? comment, System.Globalization.CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(ids);
        var results = new List<BatchDecideResult>();
        foreach (var id in ids.Distinct())
        {
            var result = await runner.DecideAsync(id, actor, outcome, comment, null, null, null, ct);
            results.Add(result.IsOk
                ? new BatchDecideResult(id, "decided")
                : new BatchDecideResult(id, Workflows.Onboarding.WireNames.Wire(result.Status),
                    new BatchDecideError(result.Code ?? Workflows.Runtime.Failure.Validation, result.Text(culture) ?? "", result.Errors)));
        }
        return results;
    }
}

/// <summary>批量审批: the same outcome and comment for many approvals.</summary>
public sealed record BatchDecideRequest(IReadOnlyList<Guid>? Ids, string? Outcome, string? Comment);

/// <summary>
/// How one approval of a batch went: <c>decided</c> (the vote was recorded) or the refusal's kind (<c>notFound</c>,
/// <c>forbidden</c>, <c>conflict</c>, <c>invalid</c>) with its code and message in the caller's language.
/// </summary>
public sealed record BatchDecideResult(Guid Id, string Status, BatchDecideError? Error = null);

public sealed record BatchDecideError(string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);

public sealed record BatchDecideView(IReadOnlyList<BatchDecideResult> Results);

public static class ApprovalEndpoints
{
    /// <summary>Approvers list and decide their approvals; leaders and admins may read any.</summary>
    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization();
        group.MapGet("/", List).WithSummary("The signed-in user's approvals: pending ones they may decide (oldest first), or decided ones they voted on (latest decision first). Any signed-in user.");
        group.MapGet("/{id:guid}", Get).WithSummary("One approval with its votes and the escalated task. Its approvers, someone it was copied to (抄送), Leader or Admin.");
        group.MapPost("/{id:guid}/decide", Decide)
            .WithSummary("Decides an approval: Approve, Reject, Extend (newDue), Reassign (reassignTo), OnSiteOffice or a custom outcome. Only an approver. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/signers", AddSigners)
            .WithSummary("加签: {add: [userName], position: before|after|parallel, comment}. An approver who has not voted adds them to their own seat (before: they sign first; after: once the approver approved; parallel: beside them); a Leader or an Admin who is not such an approver adds them to the approval as a whole (before or after everyone; parallel: one more approver). Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapDelete("/{id:guid}/signers/{userName}", RemoveSigner)
            .WithSummary("减签: takes off a signer who has not voted; by whoever added them or an Admin. The votes cast are tallied again. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/batch-decide", BatchDecide)
            .WithSummary("批量审批: the same outcome and comment for 1–100 approvals, each decided on its own (one refusal does not stop the others) → {results: [{id, status, error?}]}; outcomes that need more (Extend, Reassign) are decided one by one. Only an approver of each. Honours an Idempotency-Key header.")
            .WithIdempotency();
        return app;
    }

    private static async Task<Results<Ok<PagedList<ApprovalView>>, ValidationProblem>> List(
        ApprovalInbox inbox, ClaimsPrincipal user, string? status, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        if (status is not null and not (ApprovalInbox.Pending or ApprovalInbox.Decided))
        {
            errors.Refuse("status", Failure.OneOf("status", ["pending", "decided"]));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(await inbox.ListAsync(user.ToActor(), status, page, pageSize, ct));
    }

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Get(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await db.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (approval is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.ApprovalNotFound(id));
        }
        var actor = user.ToActor();
        if (!approval.IsApprover(actor) && !actor.IsInRole(Roles.Leader) && !actor.IsInRole(Roles.Admin)
            && !await Copies.Copies.HasApprovalCopyAsync(db, id, actor, ct))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.ApprovalNotApprover());
        }
        return TypedResults.Ok(await ViewAsync(db, approval, time.GetUtcNow(), ct));
    }

    private static async Task<Results<Ok<ApprovalView>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, DecideRequest request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var result = await runner.DecideAsync(id, user.ToActor(), request.Outcome, request.Comment, request.NewDue, request.ReassignTo, http.IdempotencyKeyOf(), ct);
        return await ThenViewAsync(id, result, dbFactory, time, ct);
    }

    private static async Task<Results<Ok<ApprovalView>, ValidationProblem, ProblemHttpResult>> AddSigners(
        Guid id, AddSignersRequest? request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var actor = user.ToActor();
        var result = await runner.AddSignersAsync(id, actor, request?.Add, request?.Position, request?.Comment,
            oversees: actor.IsInRole(Roles.Leader) || actor.IsInRole(Roles.Admin), http.IdempotencyKeyOf(), ct);
        return await ThenViewAsync(id, result, dbFactory, time, ct);
    }

    private static async Task<Results<Ok<ApprovalView>, ValidationProblem, ProblemHttpResult>> RemoveSigner(
        Guid id, string userName, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var actor = user.ToActor();
        var result = await runner.RemoveSignerAsync(id, actor, userName, administers: actor.IsInRole(Roles.Admin), http.IdempotencyKeyOf(), ct);
        return await ThenViewAsync(id, result, dbFactory, time, ct);
    }

    /// <summary>The approval as it stands after a move, or the move's refusal.</summary>
    private static async Task<Results<Ok<ApprovalView>, ValidationProblem, ProblemHttpResult>> ThenViewAsync(Guid id, OperationResult<Guid> result,
        IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, CancellationToken ct)
    {
        if (!result.IsOk)
        {
            return ApiResults.Failure<Ok<ApprovalView>, Guid>(result);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await db.Approvals.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        return TypedResults.Ok(await ViewAsync(db, approval, time.GetUtcNow(), ct));
    }

    public const int MaxBatch = 100;

    private static async Task<Results<Ok<BatchDecideView>, ValidationProblem>> BatchDecide(
        BatchDecideRequest? request, WorkflowRunner runner, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var ids = request?.Ids ?? [];
        if (ids.Count == 0)
        {
            errors.Refuse("ids", Workflows.Runtime.Failure.Required("ids"));
        }
        else if (ids.Count > MaxBatch)
        {
            errors.Refuse("ids", Workflows.Runtime.Failure.TooManyEntries("ids", MaxBatch));
        }
        if (string.IsNullOrWhiteSpace(request?.Outcome))
        {
            errors.Refuse("outcome", Workflows.Runtime.Failure.Required("outcome"));
        }
        else if (request.Outcome is Approval.Extend or Approval.Reassign)
        {
            errors.Refuse("outcome", Workflows.Runtime.Failure.NotInBatch(request.Outcome));
        }
        InputRules.Text(request?.Comment, "comment", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var results = await ApprovalBatch.DecideAsync(runner, user.ToActor(), ids, request!.Outcome!, request.Comment, CallerLanguage.Of(http), ct);
        return TypedResults.Ok(new BatchDecideView(results));
    }

    internal static async Task<ApprovalView> ViewAsync(ButlerDbContext db, Approval approval, DateTimeOffset now, CancellationToken ct)
    {
        var cast = await db.ApprovalVotes.AsNoTracking().Where(v => v.ApprovalId == approval.Id).OrderBy(v => v.At).ToListAsync(ct);
        var votes = cast.Select(v => new VoteView(v.Approver, v.Outcome, v.Comment, v.At, v.NewDue, v.ReassignTo, v.CastBy)).ToList();
        EscalatedTaskView? task = null;
        if (approval.EscalatedTaskId is { } taskId && await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == taskId, ct) is { } item)
        {
            task = new EscalatedTaskView(item.Id, item.Title.Current, item.AssigneeUser, item.AssigneeRole, item.DueAt, item.LightAt(now),
                item.EscalationLevel, item.Status.ToString().ToLowerInvariant());
        }
        return new ApprovalView(approval.Id, approval.InstanceId, approval.ActivityId, approval.Title.Current, approval.Reason?.Current, approval.Mode,
            approval.Outcomes, approval.Approvers, approval.Status.ToString().ToLowerInvariant(), approval.Outcome,
            approval.CreatedAt, approval.DueAt, approval.DecidedAt, task, votes)
        {
            Signers = approval.Signers,
            Weights = approval.Weights,
            Threshold = approval.Threshold,
            Awaiting = approval.Awaiting(cast),
            EscalationLevel = approval.EscalationStep + 1,
        };
    }
}
