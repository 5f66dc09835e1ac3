using System.Security.Claims;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api;

/// <summary>Maps engine results to HTTP with problem-details bodies.</summary>
public static class ApiResults
{
    public static ProblemHttpResult Problem(int status, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Turns a failed result into 400/403/404/409; call only when the result is not OK.</summary>
    public static Results<TOk, ValidationProblem, ProblemHttpResult> Failure<TOk, T>(OperationResult<T> result)
        where TOk : IResult => result.Status switch
        {
            OperationStatus.Invalid => TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => e.Value)),
            OperationStatus.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", result.Message),
            OperationStatus.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", result.Message),
            OperationStatus.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", result.Message),
            _ => throw new InvalidOperationException("An OK result is not a failure."),
        };

    /// <summary>The acting user with their roles, taken from the access token.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("An authenticated user has a name."),
            user.FindAll("role").Select(c => c.Value).ToArray());
}

/// <summary>A page of a list: <c>{items, total, page, pageSize}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>Paging query parameters, checked the same way on every list.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static Dictionary<string, string[]>? Check(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["page starts at 1."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }
        return errors.Count > 0 ? errors : null;
    }

    /// <summary>
    /// How many items come before the page, computed without overflow: a page past the end (page 2147483647) skips
    /// them all and is empty, instead of wrapping around to the first page.
    /// </summary>
    public static int Skip(int page, int pageSize) => (int)Math.Clamp(((long)page - 1) * pageSize, 0, int.MaxValue);
}
