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

public sealed record VoteView(string Approver, string Outcome, string? Comment, DateTimeOffset At, DateTimeOffset? NewDue, string? ReassignTo);

public sealed record EscalatedTaskView(Guid Id, string Title, string? AssigneeUser, string? AssigneeRole, DateTimeOffset? DueAt,
    string Light, int EscalationLevel, string Status);

public sealed record ApprovalView(Guid Id, Guid InstanceId, string ActivityId, string Title, string? Reason, string Mode,
    IReadOnlyList<string> Outcomes, IReadOnlyList<RecipientSpec> Approvers, string Status, string? Outcome,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? DecidedAt, EscalatedTaskView? EscalatedTask, IReadOnlyList<VoteView> Votes);

public sealed record DecideRequest(string? Outcome, string? Comment, DateTimeOffset? NewDue, string? ReassignTo);

public static class ApprovalEndpoints
{
    /// <summary>Approvers list and decide their approvals; leaders and admins may read any.</summary>
    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization();
        group.MapGet("/", List).WithSummary("The signed-in user's approvals: pending ones they may decide (oldest first), or decided ones they voted on (latest decision first). Any signed-in user.");
        group.MapGet("/{id:guid}", Get).WithSummary("One approval with its votes and the escalated task. Its approvers, Leader or Admin.");
        group.MapPost("/{id:guid}/decide", Decide)
            .WithSummary("Decides an approval: Approve, Reject, Extend (newDue), Reassign (reassignTo), OnSiteOffice or a custom outcome. Only an approver. Honours an Idempotency-Key header.")
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
        if (!approval.IsApprover(actor) && !actor.IsInRole(Roles.Leader) && !actor.IsInRole(Roles.Admin))
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
        if (!result.IsOk)
        {
            return ApiResults.Failure<Ok<ApprovalView>, Guid>(result);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await db.Approvals.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        return TypedResults.Ok(await ViewAsync(db, approval, time.GetUtcNow(), ct));
    }

    internal static async Task<ApprovalView> ViewAsync(ButlerDbContext db, Approval approval, DateTimeOffset now, CancellationToken ct)
    {
        var votes = await db.ApprovalVotes.AsNoTracking().Where(v => v.ApprovalId == approval.Id).OrderBy(v => v.At)
            .Select(v => new VoteView(v.Approver, v.Outcome, v.Comment, v.At, v.NewDue, v.ReassignTo)).ToListAsync(ct);
        EscalatedTaskView? task = null;
        if (approval.EscalatedTaskId is { } taskId && await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == taskId, ct) is { } item)
        {
            task = new EscalatedTaskView(item.Id, item.Title.Current, item.AssigneeUser, item.AssigneeRole, item.DueAt, item.LightAt(now),
                item.EscalationLevel, item.Status.ToString().ToLowerInvariant());
        }
        return new ApprovalView(approval.Id, approval.InstanceId, approval.ActivityId, approval.Title.Current, approval.Reason?.Current, approval.Mode,
            approval.Outcomes, approval.Approvers, approval.Status.ToString().ToLowerInvariant(), approval.Outcome,
            approval.CreatedAt, approval.DueAt, approval.DecidedAt, task, votes);
    }
}
