using System.Security.Claims;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Workflows.Runtime;
using Butler.Workflows.Runtime.Alterations;
using Microsoft.AspNetCore.Http.HttpResults;

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
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var alterations = Read(request.Alterations, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var result = await runner.AlterAsync(id, alterations, request.Reason ?? "", user.ToActor(), ct);
        return result.IsOk ? TypedResults.Ok(new CreatedInstance(result.Value)) : ApiResults.Failure<Ok<CreatedInstance>, Guid>(result);
    }

    private static List<Alteration> Read(IReadOnlyList<AlterationRequest>? requests, Dictionary<string, string[]> errors)
    {
        var alterations = new List<Alteration>();
        if (requests is not { Count: > 0 })
        {
            errors["alterations"] = ["Give at least one alteration."];
            return alterations;
        }
        if (requests.Count > 100)
        {
            errors["alterations"] = ["At most 100 alterations at once."];
            return alterations;
        }
        for (var i = 0; i < requests.Count; i++)
        {
            var at = $"alterations[{i}]";
            if (requests[i] is not { } request)
            {
                errors[at] = ["An alteration is an object with a kind."];
                continue;
            }
            Alteration? alteration = request.Kind switch
            {
                "scheduleActivity" => ActivityOf(request, at, errors) is { } activity ? new ScheduleActivity(activity) : null,
                "cancelActivity" => ActivityOf(request, at, errors) is { } activity ? new CancelActivity(activity, request.Branch ?? false) : null,
                "setVariables" => request.Values is { } values ? new SetVariables(values) : Missing(errors, $"{at}.values", "setVariables needs values: an object of declared variables."),
                "moveToVersion" => request.Version is { } version ? new MoveToVersion(version) : Missing(errors, $"{at}.version", "moveToVersion needs the version to move to."),
                _ => Missing(errors, $"{at}.kind", "The kind must be scheduleActivity, cancelActivity, setVariables or moveToVersion."),
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
            errors[$"{at}.activityId"] = [$"{request.Kind} needs the id of an activity of the instance's version."];
            return null;
        }
        return request.ActivityId;
    }

    private static Alteration? Missing(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }
}
