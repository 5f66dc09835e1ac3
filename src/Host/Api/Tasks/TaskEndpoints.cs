using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Tasks;

public sealed record AssigneeView(string? User, string? Role);

/// <summary>A task as the API shows it; <c>light</c> is computed at read time: green, yellow (reminder window), red (overdue).</summary>
public sealed record TaskView(Guid Id, Guid InstanceId, string ActivityId, string Kind, string Title, AssigneeView Assignee,
    IReadOnlyList<string> Outcomes, JsonNode? Fields, string Status, DateTimeOffset CreatedAt, DateTimeOffset? Due, string Light,
    int EscalationLevel, DateTimeOffset? CompletedAt, string? CompletedBy, string? Outcome, string? Comment, JsonNode? Values)
{
    public static TaskView From(WorkItem w, DateTimeOffset now) => new(w.Id, w.InstanceId, w.ActivityId, w.Kind, w.Title,
        new AssigneeView(w.AssigneeUser, w.AssigneeRole),
        JsonSerializer.Deserialize<string[]>(w.OutcomesJson) ?? [], JsonNode.Parse(w.FieldsJson), w.Status.ToString().ToLowerInvariant(),
        w.CreatedAt, w.DueAt, w.LightAt(now), w.EscalationLevel,
        w.CompletedAt, w.CompletedBy, w.Outcome, w.Comment, w.ValuesJson is null ? null : JsonNode.Parse(w.ValuesJson));
}

public sealed record CompleteTaskRequest(string? Outcome, string? Comment, JsonObject? Fields);

public enum TaskScope
{
    Mine,
    All,
}

public enum TaskStatusFilter
{
    Open,
    Done,
}

public static class TaskEndpoints
{
    /// <summary>Any signed-in user lists their own tasks; scope=all is for leaders and admins; only the assignee completes.</summary>
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("Tasks assigned to me or my roles (scope=mine), or everyone's (scope=all: Leader or Admin). Any signed-in user.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("One task. Its assignee, a member of its role, a Leader or an Admin.");
        group.MapPost("/{id:guid}/complete", Complete)
            .WithSummary("Completes a task with one of its outcomes. Only its assignee or a member of its role. Honours an Idempotency-Key header.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<TaskView>>, ValidationProblem, ProblemHttpResult>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, string? scope, string? status,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        TaskScope scopeValue = TaskScope.Mine;
        if (scope is not null && !Enum.TryParse(scope, ignoreCase: true, out scopeValue))
        {
            errors["scope"] = ["scope is mine or all."];
        }
        TaskStatusFilter statusValue = TaskStatusFilter.Open;
        if (status is not null && !Enum.TryParse(status, ignoreCase: true, out statusValue))
        {
            errors["status"] = ["status is open or done."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var actor = user.ToActor();
        if (scopeValue == TaskScope.All && !actor.IsInRole(Roles.Admin) && !actor.IsInRole(Roles.Leader))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "scope=all is for leaders and administrators.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wanted = statusValue == TaskStatusFilter.Open ? WorkItemStatus.Open : WorkItemStatus.Done;
        var query = db.WorkItems.AsNoTracking().Where(w => w.Status == wanted);
        if (scopeValue == TaskScope.Mine)
        {
            query = query.AssignedTo(actor);
        }
        var total = await query.CountAsync(ct);
        var items = await (wanted == WorkItemStatus.Open ? query.OrderBy(w => w.CreatedAt) : query.OrderByDescending(w => w.CompletedAt))
            .ThenBy(w => w.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new PagedList<TaskView>(items.Select(w => TaskView.From(w, now)).ToList(), total, page, pageSize));
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Get(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (task is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", $"No task {id}.");
        }
        var actor = user.ToActor();
        if (!task.IsAssignedTo(actor) && !actor.IsInRole(Roles.Admin) && !actor.IsInRole(Roles.Leader))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "This task is not assigned to you.");
        }
        return TypedResults.Ok(TaskView.From(task, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Complete(
        Guid id, CompleteTaskRequest request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        if (request.Comment is { Length: > 4000 })
        {
            return ApiResults.Invalid("comment", "A comment has at most 4000 characters.");
        }
        var result = await runner.CompleteTaskAsync(id, user.ToActor(), request.Outcome, request.Comment, request.Fields, idempotencyKey, ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Ok<TaskView>, Guid>(result);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.WorkItems.AsNoTracking().FirstAsync(w => w.Id == id, ct);
        return TypedResults.Ok(TaskView.From(task, time.GetUtcNow()));
    }
}
