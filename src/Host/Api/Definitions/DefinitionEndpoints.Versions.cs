using System.Globalization;
using System.Security.Claims;
using System.Text;
using Butler.Host.Identity;
using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Butler.Workflows.Input;

namespace Butler.Host.Api.Definitions;

/// <summary>The body of a revert: the version whose content becomes the new draft.</summary>
public sealed record RevertRequest(int? Version);

/// <summary>Version management for the designer: history, discarding a draft, revert, diff, export and import. Admin only.</summary>
public static partial class DefinitionEndpoints
{
    private static void MapVersionEndpoints(RouteGroupBuilder group)
    {
        group.MapGet("/{id}/versions", Versions).RequireAuthorization(Policies.Admin)
            .WithSummary("Every version newest first with who made and published it and how many instances run on it. Admin only.");
        group.MapDelete("/{id}/draft", DeleteDraft).RequireAuthorization(Policies.Admin)
            .WithSummary("Discards the draft (the newest unpublished version); 409 when there is none. Discarding draft version 1 removes the definition. Admin only.");
        group.MapPost("/{id}/revert", Revert).RequireAuthorization(Policies.Admin)
            .WithSummary("Saves a new draft with the content of version {\"version\": N}. Admin only.");
        group.MapGet("/{id}/diff", Diff).RequireAuthorization(Policies.Admin)
            .WithSummary("What changed from version ?from=N to version ?to=M: activities, connections, variables, name and description. Admin only.");
        group.MapGet("/{id}/export", Export).RequireAuthorization(Policies.Admin)
            .WithSummary("Downloads version ?version=N (default the newest) as a definition file without version or publish state. Admin only.");
        group.MapPost("/import", Import).RequireAuthorization(Policies.Admin)
            .Accepts<WorkflowDefinitionModel>("application/json")
            .WithSummary("Imports a definition file: creates the definition (201) when its id is new, else saves it as the next draft (200). Admin only.");
    }

    private static async Task<Results<Ok<IReadOnlyList<DefinitionVersionInfo>>, ProblemHttpResult>> Versions(
        string id, DefinitionService definitions, CancellationToken ct)
    {
        var versions = await definitions.VersionsAsync(id, ct);
        return versions is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.DefinitionNotFound(id))
            : TypedResults.Ok(versions);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteDraft(
        string id, DefinitionService definitions, CancellationToken ct)
    {
        var result = await definitions.DeleteDraftAsync(id, ct);
        return result.IsOk ? TypedResults.NoContent() : ApiResults.Failure<NoContent, WorkflowDefinitionVersion>(result);
    }

    private static async Task<Results<Ok<DefinitionVersionResponse>, ValidationProblem, ProblemHttpResult>> Revert(
        string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RevertRequest? body,
        DefinitionService definitions, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await definitions.RevertAsync(id, body?.Version, user.Identity?.Name, ct);
        return result.IsOk
            ? TypedResults.Ok(DefinitionVersionResponse.From(result.Value!, definitions))
            : ApiResults.Failure<Ok<DefinitionVersionResponse>, WorkflowDefinitionVersion>(result);
    }

    private static async Task<Results<Ok<DefinitionDiff>, ValidationProblem, ProblemHttpResult>> Diff(
        string id, string? from, string? to, DefinitionService definitions, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var fromVersion = ParseVersion(from, "from", errors);
        var toVersion = ParseVersion(to, "to", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        if (await definitions.GetAsync(id, null, ct) is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.DefinitionNotFound(id));
        }
        foreach (var (field, version) in new[] { ("from", fromVersion), ("to", toVersion) })
        {
            if (await definitions.GetAsync(id, version, ct) is null)
            {
                errors.Refuse(field, Failure.NoVersion(id, version));
            }
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var diff = await definitions.DiffAsync(id, fromVersion, toVersion, ct);
        return diff is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.DefinitionNotFound(id))
            : TypedResults.Ok(diff);
    }

    private static int ParseVersion(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Refuse(field, Failure.VersionRequired(field));
            return 0;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            errors.Refuse(field, Failure.VersionNumber(field));
            return 0;
        }
        return version;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        string id, int? version, DefinitionService definitions, CancellationToken ct)
    {
        if (version is < 1)
        {
            return ApiResults.Invalid("version", Failure.VersionNumber("version"));
        }
        var found = await definitions.GetAsync(id, version, ct);
        if (found is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", version is null ? Failure.DefinitionNotFound(id) : Failure.DefinitionVersionNotFound(id, version.Value));
        }
        var bytes = Encoding.UTF8.GetBytes(DefinitionService.Export(found));
        return TypedResults.File(bytes, "application/json; charset=utf-8", $"{found.DefinitionId}-v{found.Version}.json");
    }

    private static async Task<Results<Created<DefinitionVersionResponse>, Ok<DefinitionVersionResponse>, ValidationProblem, ProblemHttpResult>> Import(
        HttpRequest request, DefinitionService definitions, ClaimsPrincipal user, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Json is null)
        {
            return body.Invalid is not null ? body.Invalid : body.Problem!;
        }
        var result = await definitions.ImportAsync(body.Json, user.Identity?.Name, ct);
        if (result.IsOk)
        {
            var stored = result.Value!.Version;
            var response = DefinitionVersionResponse.From(stored, definitions);
            return result.Value.Created
                ? TypedResults.Created($"/api/workflow-definitions/{Uri.EscapeDataString(stored.DefinitionId)}", response)
                : TypedResults.Ok(response);
        }
        return result.Status switch
        {
            OperationStatus.Invalid => ApiResults.Invalid(result),
            OperationStatus.NotFound => ApiResults.Refusal(result),
            _ => ApiResults.Refusal(result),
        };
    }
}
