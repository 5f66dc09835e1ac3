using System.Security.Claims;
using System.Text.Json.Nodes;
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

public sealed record IncidentView(Guid Id, string? ActivityId, string Kind, string Message, string? Expression, DateTimeOffset At);

public sealed record JournalView(int Sequence, DateTimeOffset At, string Kind, string? ActivityId, string? ActivityType,
    string? Actor, string? Outcome, string? Comment, string? Detail);

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
            .WithSummary("Starts an instance on the newest published version. Leader or Admin. Honours an Idempotency-Key header.");
        group.MapGet("/", List).RequireAuthorization(Policies.LeaderOrAdmin)
            .WithSummary("Lists instances, newest first. Leader or Admin.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("An instance with variables, bookmarks, incidents and journal. Leader or Admin; a squad member only where they hold a task.");
        group.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Policies.Admin)
            .WithSummary("Cancels a running instance and its open tasks. Admin only.");
        group.MapPost("/{id:guid}/signals/{name}", Signal).RequireAuthorization(Policies.LeaderOrAdmin)
            .WithSummary("Sends a named signal (an external event) to an instance. Leader or Admin. Honours an Idempotency-Key header.");
        return app;
    }

    private static async Task<Results<Created<CreatedInstance>, Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Start(
        StartInstanceRequest request, WorkflowRunner runner, ClaimsPrincipal user,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionId))
        {
            return ApiResults.Invalid("definitionId", "definitionId is required.");
        }
        var result = await runner.StartAsync(request.DefinitionId, request.Input, user.ToActor(), idempotencyKey, ct);
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
            OperationStatus.Invalid => TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => e.Value)),
            OperationStatus.NotFound => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", result.Message),
            OperationStatus.Forbidden => ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", result.Message),
            _ => ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", result.Message),
        };

    private static async Task<Results<Ok<PagedList<InstanceSummary>>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, string? definitionId, WorkflowStatus? status,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Instances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(definitionId))
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }
        if (status is { } s)
        {
            query = query.Where(i => i.Status == s);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.Version, i.Status.ToString(), i.CreatedBy, i.CreatedAt, i.FinishedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<InstanceSummary>(items, total, page, pageSize));
    }

    private static async Task<Results<Ok<InstanceView>, ProblemHttpResult>> Get(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", $"No workflow instance {id}.");
        }
        var actor = user.ToActor();
        if (!actor.IsInRole(Roles.Admin) && !actor.IsInRole(Roles.Leader))
        {
            var roles = actor.Roles.ToList();
            var involved = await db.WorkItems.AnyAsync(w => w.InstanceId == id
                && (w.AssigneeUser == actor.UserName || (w.AssigneeRole != null && roles.Contains(w.AssigneeRole))), ct);
            if (!involved)
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "You hold no task in this instance.");
            }
        }
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id).OrderBy(b => b.CreatedAt)
            .Select(b => new BookmarkView(b.Id, b.ActivityId, b.Kind.ToString(), b.Name, b.WorkItemId, b.CreatedAt)).ToListAsync(ct);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).OrderBy(i => i.At)
            .Select(i => new IncidentView(i.Id, i.ActivityId, i.Kind, i.Message, i.Expression, i.At)).ToListAsync(ct);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence)
            .Select(j => new JournalView(j.Sequence, j.At, j.Kind.ToString(), j.ActivityId, j.ActivityType, j.Actor, j.Outcome, j.Comment, j.Detail))
            .ToListAsync(ct);
        return TypedResults.Ok(new InstanceView(instance.Id, instance.DefinitionId, instance.Version, instance.Status.ToString(),
            JsonNode.Parse(instance.VariablesJson), JsonNode.Parse(instance.InputJson), instance.CreatedBy,
            instance.CreatedAt, instance.UpdatedAt, instance.FinishedAt, bookmarks, incidents, journal));
    }

    private static async Task<Results<Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, WorkflowRunner runner, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await runner.CancelAsync(id, user.ToActor(), ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }

    private static async Task<Results<Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Signal(
        Guid id, string name, SignalRequest? request, WorkflowRunner runner, ClaimsPrincipal user,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        if (name.Length > 200)
        {
            return ApiResults.Invalid("name", "A signal name has at most 200 characters.");
        }
        var result = await runner.SignalAsync(id, name, request?.Payload, user.ToActor(), idempotencyKey, ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }
}
