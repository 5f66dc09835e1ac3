using System.Security.Claims;
using System.Text.Json.Nodes;
using Butler.Host.Api.Idempotency;
using Butler.Host.Identity;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Instances;

public sealed record StartInstanceRequest(string? DefinitionId, JsonObject? Input);

public sealed record CreatedInstance(Guid Id);

public sealed record SignalRequest(JsonNode? Payload);

public sealed record BookmarkView(Guid Id, string ActivityId, string Kind, string? Name, Guid? TaskId, DateTimeOffset CreatedAt);

/// <summary>An incident; <c>resolvedBy</c>/<c>resolvedAt</c> are set once an administrator retried the instance after it.</summary>
public sealed record IncidentView(Guid Id, string? ActivityId, string Kind, string Message, string? Expression, DateTimeOffset At,
    bool Resolved, string? ResolvedBy, DateTimeOffset? ResolvedAt);

/// <summary>A retry of a faulted instance; <c>variables</c> (declared ones only) are set first to repair its data.</summary>
public sealed record RetryRequest(JsonObject? Variables);

/// <param name="OnBehalfOf">The person the actor acted for as their proxy (代理人); null when for themselves.</param>
public sealed record JournalView(int Sequence, DateTimeOffset At, string Kind, string? ActivityId, string? ActivityType,
    string? Actor, string? Outcome, string? Comment, string? Detail, string? OnBehalfOf = null);

public sealed record InstanceView(Guid Id, string DefinitionId, int Version, string Status, JsonNode? Variables, JsonNode? Input,
    string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<BookmarkView> Bookmarks, IReadOnlyList<IncidentView> Incidents, IReadOnlyList<JournalView> Journal);

public sealed record InstanceSummary(Guid Id, string DefinitionId, int Version, string Status, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

public static class InstanceEndpoints
{
    /// <summary>Leaders and admins start, list, read and signal instances; squads read those they have tasks in; admins cancel.</summary>
    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances").WithTags("Workflow instances").RequireAuthorization();
        group.MapPost("/", Start).RequireAuthorization(Policies.LeaderOrAdmin)
            .WithSummary("Starts an instance on the newest published version. Leader or Admin. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapGet("/", List).RequireAuthorization(Policies.LeaderOrAdmin)
            .WithSummary("Lists instances, newest first. Leader or Admin.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("An instance with variables, bookmarks, incidents and journal. Leader or Admin; anyone else where they hold a task in it or their squad serves its project.");
        group.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Policies.Admin)
            .WithSummary("Cancels a running instance and its open tasks. Admin only.");
        group.MapPost("/{id:guid}/withdraw", Withdraw)
            .WithSummary("撤销: the person who started the run (a project's creator, a lead's) cancels it while nobody else has worked on it: no step completed or voted on by another, no open step claimed, delegated, transferred or given notes or files (else 409); its open tasks close and their people are told. {comment} optional. Only the starter (else 403). Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/retry", Retry).RequireAuthorization(Policies.Admin)
            .WithSummary("Resumes a faulted instance from the activity that faulted, after setting the declared variables given to repair its data; the incident is resolved and the journal names who retried. Not faulted is 409. Admin only.");
        group.MapPost("/{id:guid}/alterations", InstanceAlterations.Alter).RequireAuthorization(Policies.Admin)
            .WithSummary(InstanceAlterations.Summary);
        group.MapPost("/{id:guid}/signals/{name}", Signal).RequireAuthorization(Policies.LeaderOrAdmin)
            .WithSummary("Sends a named signal (an external event) to an instance. Leader or Admin. Honours an Idempotency-Key header.")
            .WithIdempotency();
        return app;
    }

    private static async Task<Results<Created<CreatedInstance>, Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Start(
        StartInstanceRequest request, WorkflowRunner runner, ClaimsPrincipal user,
        HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionId))
        {
            return ApiResults.Invalid("definitionId", Workflows.Runtime.Failure.Required("definitionId"));
        }
        var result = await runner.StartAsync(request.DefinitionId, request.Input, user.ToActor(), http.IdempotencyKeyOf(), ct);
        if (!result.IsOk)
        {
            return Failure(result);
        }
        var body = new CreatedInstance(result.Value);
        return result.WasDuplicate ? TypedResults.Ok(body) : TypedResults.Created($"/api/workflow-instances/{result.Value}", body);
    }

    private static Results<Created<CreatedInstance>, Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult> Failure(OperationResult<Guid> result) =>
        result.Status switch
        {
            OperationStatus.Invalid => ApiResults.Invalid(result),
            OperationStatus.NotFound => ApiResults.Refusal(result),
            OperationStatus.Forbidden => ApiResults.Refusal(result),
            _ => ApiResults.Refusal(result),
        };

    private static async Task<Results<Ok<PagedList<InstanceSummary>>, ValidationProblem>> List(
        WorkflowInstances instances, string? definitionId, WorkflowStatus? status,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(await instances.ListAsync(definitionId, status, page, pageSize, ct));
    }

    private static async Task<Results<Ok<InstanceView>, ProblemHttpResult>> Get(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, WorkflowInstances instances, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } run)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Workflows.Runtime.Failure.InstanceNotFound(id));
        }
        if (!await RunAccess.MayReadAsync(db, user.ToActor(), run, ct))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Workflows.Runtime.Failure.InstanceNoTaskOfYours());
        }
        var view = await instances.GetAsync(id, ct);
        return view is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Workflows.Runtime.Failure.InstanceNotFound(id))
            : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, WorkflowRunner runner, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await runner.CancelAsync(id, user.ToActor(), ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }

    private static async Task<Results<Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, Tasks.CommentRequest? request, WorkflowRunner runner, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var result = await runner.WithdrawRunAsync(id, user.ToActor(), request?.Comment, http.IdempotencyKeyOf(), ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }

    private static async Task<Results<Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Retry(
        Guid id, RetryRequest? request, WorkflowRunner runner, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await runner.RetryAsync(id, user.ToActor(), request?.Variables, ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }

    private static async Task<Results<Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Signal(
        Guid id, string name, SignalRequest? request, WorkflowRunner runner, ClaimsPrincipal user,
        HttpContext http, CancellationToken ct)
    {
        if (name.Length > 200)
        {
            return ApiResults.Invalid("name", Workflows.Runtime.Failure.TooLong("name", 200));
        }
        var result = await runner.SignalAsync(id, name, request?.Payload, user.ToActor(), http.IdempotencyKeyOf(), ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }
}
