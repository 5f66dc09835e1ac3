using Butler.Workflows.Runtime;
using System.Security.Claims;
using System.Text;
using Butler.Host.Identity;
using Butler.Workflows.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Definitions;

/// <summary>
/// A stored definition version: the definition itself, its publish state and, for a draft, the validator's problems
/// (a draft may be saved unfinished; it publishes only without problems).
/// </summary>
public sealed record DefinitionVersionResponse(
    string Id, int Version, Butler.Workflows.Activities.LocalizedText Name, Butler.Workflows.Activities.LocalizedText? Description,
    List<VariableModel> Variables, List<ActivityModel> Activities, List<ConnectionModel> Connections,
    bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<DefinitionProblem> Problems, int Revision)
{
    public static DefinitionVersionResponse From(WorkflowDefinitionVersion v, DefinitionService definitions)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(definitions);
        var model = DefinitionJson.TryParse(v.Json, out _) ?? new WorkflowDefinitionModel { Id = v.DefinitionId, Name = v.Name };
        var problems = v.IsPublished ? [] : definitions.Validate(v.Json);
        return new(v.DefinitionId, v.Version, v.Name, v.Description, model.Variables, model.Activities, model.Connections,
            v.IsPublished, v.CreatedAt, v.UpdatedAt, v.PublishedAt, problems, v.Revision);
    }
}

public sealed record ValidationResponse(bool Valid, IReadOnlyList<DefinitionProblem> Problems);

public static partial class DefinitionEndpoints
{
    private const int MaxDefinitionBytes = 1_000_000;

    /// <summary>Reads are open to any signed-in user; writes (create, save draft, publish) are Admin only.</summary>
    public static IEndpointRouteBuilder MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-definitions").WithTags("Workflow definitions").RequireAuthorization();

        group.MapGet("/", List).WithSummary("Lists definitions with their newest and newest published version. Any signed-in user.");
        group.MapGet("/{id}", Get).WithSummary("The newest version of a definition, or ?version=N. Any signed-in user.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .Accepts<WorkflowDefinitionModel>("application/json")
            .WithSummary("Creates a definition as draft version 1. Admin only.");
        group.MapPut("/{id}", SaveDraft).RequireAuthorization(Policies.Admin)
            .Accepts<WorkflowDefinitionModel>("application/json")
            .WithSummary("Saves the draft; after a publish this makes the next version. A draft may have problems (listed in the answer) but must parse and have an id and a name. With If-Match: \"{version}.{revision}\" (from the version read) a change by someone else meanwhile is a 409 and nothing is saved. Admin only.");
        group.MapPost("/{id}/publish", Publish).RequireAuthorization(Policies.Admin)
            .WithSummary("Publishes the newest draft; published versions are immutable. Admin only.");
        group.MapPost("/validate", Validate)
            .Accepts<WorkflowDefinitionModel>("application/json")
            .WithSummary("Validates a definition and lists every problem with its JSON path; stores nothing. Any signed-in user.");
        MapVersionEndpoints(group);
        return app;
    }

    private static async Task<Results<Ok<PagedList<DefinitionSummary>>, ValidationProblem>> List(
        DefinitionService definitions, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return ApiResults.Invalid(errors);
        }
        var (items, total) = await definitions.ListAsync(search, Paging.Skip(page, pageSize), pageSize, ct);
        return TypedResults.Ok(new PagedList<DefinitionSummary>(items, total, page, pageSize));
    }

    private static async Task<Results<Ok<DefinitionVersionResponse>, ValidationProblem, ProblemHttpResult>> Get(
        string id, int? version, DefinitionService definitions, CancellationToken ct)
    {
        if (version is < 1)
        {
            return ApiResults.Invalid("version", Failure.VersionNumber("version"));
        }
        var found = await definitions.GetAsync(id, version, ct);
        return found is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", version is null ? Failure.DefinitionNotFound(id) : Failure.DefinitionVersionNotFound(id, version.Value))
            : TypedResults.Ok(DefinitionVersionResponse.From(found, definitions));
    }

    private static async Task<Results<Created<DefinitionVersionResponse>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest request, DefinitionService definitions, ClaimsPrincipal user, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Json is null)
        {
            return body.Invalid is not null ? body.Invalid : body.Problem!;
        }
        var result = await definitions.CreateAsync(body.Json, user.Identity?.Name, ct);
        return result.IsOk
            ? TypedResults.Created($"/api/workflow-definitions/{Uri.EscapeDataString(result.Value!.DefinitionId)}", DefinitionVersionResponse.From(result.Value, definitions))
            : ApiResults.Failure<Created<DefinitionVersionResponse>, WorkflowDefinitionVersion>(result);
    }

    private static async Task<Results<Ok<DefinitionVersionResponse>, ValidationProblem, ProblemHttpResult>> SaveDraft(
        string id, HttpRequest request, DefinitionService definitions, ClaimsPrincipal user, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Json is null)
        {
            return body.Invalid is not null ? body.Invalid : body.Problem!;
        }
        (int, int)? expected = null;
        if (request.Headers.IfMatch is { Count: > 0 } ifMatch)
        {
            var match = System.Text.RegularExpressions.Regex.Match(ifMatch.ToString(), "^(?:W/)?\"?(\\d{1,9})\\.(\\d{1,9})\"?$");
            if (!match.Success)
            {
                return ApiResults.Invalid("If-Match", Failure.IfMatch("If-Match"));
            }
            expected = (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        var result = await definitions.SaveDraftAsync(id, body.Json, user.Identity?.Name, expected, ct);
        return result.IsOk
            ? TypedResults.Ok(DefinitionVersionResponse.From(result.Value!, definitions))
            : ApiResults.Failure<Ok<DefinitionVersionResponse>, WorkflowDefinitionVersion>(result);
    }

    private static async Task<Results<Ok<DefinitionVersionResponse>, ValidationProblem, ProblemHttpResult>> Publish(
        string id, DefinitionService definitions, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await definitions.PublishAsync(id, user.Identity?.Name, ct);
        return result.IsOk
            ? TypedResults.Ok(DefinitionVersionResponse.From(result.Value!, definitions))
            : ApiResults.Failure<Ok<DefinitionVersionResponse>, WorkflowDefinitionVersion>(result);
    }

    private static async Task<Results<Ok<ValidationResponse>, ValidationProblem, ProblemHttpResult>> Validate(
        HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Json is null)
        {
            return body.Invalid is not null ? body.Invalid : body.Problem!;
        }
        var problems = definitions.Validate(body.Json);
        return TypedResults.Ok(new ValidationResponse(problems.Count == 0, problems));
    }

    private sealed record Body(string? Json, ValidationProblem? Invalid, ProblemHttpResult? Problem);

    /// <summary>Reads the body as text so malformed JSON is reported by our own parser with a path.</summary>
    private static async Task<Body> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", Failure.DefinitionTooLarge(MaxDefinitionBytes));
        if (request.ContentLength > MaxDefinitionBytes)
        {
            return new(null, null, tooLarge);
        }
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, ApiResults.Invalid("$", Failure.JsonBody()), null);
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxDefinitionBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        if (read > MaxDefinitionBytes)
        {
            return new(null, null, tooLarge);
        }
        var json = new string(buffer, 0, read);
        return string.IsNullOrWhiteSpace(json)
            ? new(null, ApiResults.Invalid("$", Failure.EmptyBody()), null)
            : new(json, null, null);
    }
}
