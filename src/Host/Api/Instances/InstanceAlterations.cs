using System.Security.Claims;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Workflows.Runtime;
using Butler.Workflows.Runtime.Alterations;
using Microsoft.AspNetCore.Http.HttpResults;
using Butler.Workflows.Input;

namespace Butler.Host.Api.Instances;

/// <summary>
/// One alteration: <c>kind</c> is <c>scheduleActivity</c> (<c>activityId</c>), <c>cancelActivity</c> (<c>activityId</c>,
/// <c>branch</c> to cancel everything downstream up to the next Join), <c>setVariables</c> (<c>values</c>, declared
/// variables only) or <c>moveToVersion</c> (<c>version</c>, a published version of the same definition).
/// </summary>
public sealed record AlterationRequest(string? Kind, string? ActivityId, bool? Branch, JsonObject? Values, int? Version);

/// <summary>Alterations applied together, in order, or not at all; <c>reason</c> is journalled with each.</summary>
public sealed record AlterInstanceRequest(string? Reason, IReadOnlyList<AlterationRequest>? Alterations);

/// <summary>POST /api/workflow-instances/{id}/alterations: an administrator changes a running or faulted instance outside its flow.</summary>
internal static class InstanceAlterations
{
    public const string Summary = "Alters a running or faulted instance outside its flow: schedules or cancels activities (a branch up to its Join), " +
        "sets declared variables, moves it to another published version; all in one transaction or none, each journalled with who and the reason. Admin only.";

    public static async Task<Results<Ok<CreatedInstance>, ValidationProblem, ProblemHttpResult>> Alter(
        Guid id, AlterInstanceRequest request, WorkflowRunner runner, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var alterations = Read(request.Alterations, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var result = await runner.AlterAsync(id, alterations, request.Reason ?? "", user.ToActor(), ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }

    private static List<Alteration> Read(IReadOnlyList<AlterationRequest>? requests, Dictionary<string, string[]> errors)
    {
        var alterations = new List<Alteration>();
        if (requests is not { Count: > 0 })
        {
            errors.Refuse("alterations", Failure.AlterationsRequired());
            return alterations;
        }
        if (requests.Count > 100)
        {
            errors.Refuse("alterations", Failure.TooManyAlterations(100));
            return alterations;
        }
        for (var i = 0; i < requests.Count; i++)
        {
            var at = $"alterations[{i}]";
            if (requests[i] is not { } request)
            {
                errors.Refuse(at, Failure.AlterationKind());
                continue;
            }
            Alteration? alteration = request.Kind switch
            {
                "scheduleActivity" => ActivityOf(request, at, errors) is { } activity ? new ScheduleActivity(activity) : null,
                "cancelActivity" => ActivityOf(request, at, errors) is { } activity ? new CancelActivity(activity, request.Branch ?? false) : null,
                "setVariables" => request.Values is { } values ? new SetVariables(values) : Missing(errors, $"{at}.values", Failure.ValuesRequired()),
                "moveToVersion" => request.Version is { } version ? new MoveToVersion(version) : Missing(errors, $"{at}.version", Failure.MoveVersionRequired()),
                _ => Missing(errors, $"{at}.kind", Failure.OneOf($"{at}.kind", ["scheduleActivity", "cancelActivity", "setVariables", "moveToVersion"])),
            };
            if (alteration is not null)
            {
                alterations.Add(alteration);
            }
        }
        return alterations;
    }

    private static string? ActivityOf(AlterationRequest request, string at, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(request.ActivityId))
        {
            errors.Refuse($"{at}.activityId", Failure.ActivityRequired(request.Kind ?? ""));
            return null;
        }
        return request.ActivityId;
    }

    private static Alteration? Missing(Dictionary<string, string[]> errors, string field, Failure failure)
    {
        errors.Refuse(field, failure);
        return null;
    }
}
