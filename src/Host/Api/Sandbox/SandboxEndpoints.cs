using System.Security.Claims;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Workflows.Runtime;
using Butler.Workflows.Sandbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Sandbox;

/// <summary>A test run of a draft: the definition as the designer holds it (unsaved) and the initial variables.</summary>
public sealed record StartSandboxRequest(JsonNode? Definition, JsonNode? Input);

/// <summary>Completes a test run's task as its assignee.</summary>
public sealed record CompleteSandboxTaskRequest(string? Outcome, string? Comment, JsonObject? Fields);

/// <summary>Decides a test run's approval as its approvers; Extend needs newDue, Reassign reassignTo.</summary>
public sealed record DecideSandboxApprovalRequest(string? Outcome, string? Comment, DateTimeOffset? NewDue, string? ReassignTo);

public static class SandboxEndpoints
{
    private const int MaxDefinitionChars = 1_000_000;

    /// <summary>Test runs of draft definitions for the designer: Admin only, and each run only for the admin who started it.</summary>
    public static IEndpointRouteBuilder MapSandboxEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sandbox").WithTags("Sandbox").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Start)
            .WithSummary("Starts a test run of a draft definition with sample input ({definition, input}) in a private in-memory engine: no mail is sent, nothing is written to the real database. At most 20 runs at once (409); a run idle for 30 minutes is dropped. Admin only.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("The state of one of your test runs: status, variables, open tasks, approvals, pending timers, journal, held mails, active activities. Admin only.");
        group.MapPost("/{id:guid}/tasks/{taskId:guid}/complete", Complete)
            .WithSummary("Completes an open task of your test run as its assignee ({outcome, fields?, comment?}). Admin only.");
        group.MapPost("/{id:guid}/approvals/{approvalId:guid}/decide", Decide)
            .WithSummary("Decides a pending approval of your test run, voting as its approvers until decided ({outcome, comment?, newDue?, reassignTo?}). Admin only.");
        group.MapPost("/{id:guid}/timers/{timerId:guid}/fire", Fire)
            .WithSummary("Fires a pending timer of your test run now: the run's clock moves to its due time. Admin only.");
        group.MapDelete("/{id:guid}", Stop)
            .WithSummary("Stops one of your test runs and drops its database. Admin only.");
        return app;
    }

    private static async Task<Results<Created<SandboxState>, ValidationProblem, ProblemHttpResult>> Start(
        StartSandboxRequest request, SandboxService sandboxes, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Definition is not JsonObject definition)
        {
            return ApiResults.Invalid("definition", Failure.DefinitionObject("definition"));
        }
        var json = definition.ToJsonString();
        if (json.Length > MaxDefinitionChars)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", Failure.DefinitionTooManyCharacters(MaxDefinitionChars));
        }
        var result = await sandboxes.StartAsync(Owner(user), json, request.Input, ct);
        return result.IsOk
            ? TypedResults.Created($"/api/sandbox/{result.Value!.Id}", result.Value)
            : ApiResults.Failure<Created<SandboxState>, SandboxState>(result);
    }

    private static async Task<Results<Ok<SandboxState>, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, SandboxService sandboxes, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await sandboxes.GetAsync(Owner(user), id, ct));

    private static async Task<Results<Ok<SandboxState>, ValidationProblem, ProblemHttpResult>> Complete(
        Guid id, Guid taskId, CompleteSandboxTaskRequest request, SandboxService sandboxes, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await sandboxes.CompleteTaskAsync(Owner(user), id, taskId, request.Outcome, request.Comment, request.Fields, ct));

    private static async Task<Results<Ok<SandboxState>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, Guid approvalId, DecideSandboxApprovalRequest request, SandboxService sandboxes, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await sandboxes.DecideAsync(Owner(user), id, approvalId, request.Outcome, request.Comment, request.NewDue, request.ReassignTo, ct));

    private static async Task<Results<Ok<SandboxState>, ValidationProblem, ProblemHttpResult>> Fire(
        Guid id, Guid timerId, SandboxService sandboxes, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await sandboxes.FireTimerAsync(Owner(user), id, timerId, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Stop(Guid id, SandboxService sandboxes, ClaimsPrincipal user) =>
        await sandboxes.StopAsync(Owner(user), id)
            ? TypedResults.NoContent()
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.SandboxGone(id));

    private static Results<Ok<SandboxState>, ValidationProblem, ProblemHttpResult> Answer(OperationResult<SandboxState> result) =>
        result.IsOk ? TypedResults.Ok(result.Value!) : ApiResults.Failure<Ok<SandboxState>, SandboxState>(result);

    private static string Owner(ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("An authenticated user has a name.");
}
