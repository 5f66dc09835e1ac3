using System.Security.Claims;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Butler.Workflows.Input;

namespace Butler.Host.Api;

/// <summary>Maps engine results to HTTP with problem-details bodies.</summary>
public static class ApiResults
{
    private static ProblemHttpResult Problem(int status, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>
    /// A problem for <paramref name="failure"/>: its <c>code</c> and <c>args</c> go in the body, and the detail is
    /// written in the caller's language when the response is sent (<see cref="ProblemLanguage"/>).
    /// </summary>
    public static ProblemHttpResult Problem(int status, string title, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Problem(status, title, failure.English, failure.Code, failure.Args);
    }

    /// <summary>One field refused for <paramref name="failure"/>.</summary>
    public static ValidationProblem Invalid(string field, Workflows.Runtime.Failure failure)
    {
        var errors = new ValidationErrors();
        errors.Set(field, failure);
        return Invalid(errors);
    }

    /// <summary>The field messages of an invalid result as a 400, with the code <c>validation</c>.</summary>
    public static ValidationProblem Invalid<T>(OperationResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Invalid(result.Errors ?? new Dictionary<string, string[]>(), result.Code);
    }

    /// <summary>
    /// Field messages as a 400 with the code <c>validation</c>; a message written from a code (<see cref="ValidationErrors"/>)
    /// has it under <c>fields</c> (field → <c>{code, args}</c>), and is written in the caller's language when sent
    /// (<see cref="ProblemLanguage"/>).
    /// </summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors, string? code = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var extensions = new Dictionary<string, object?> { [ProblemLanguage.CodeMember] = code ?? Workflows.Runtime.Failure.Validation };
        if (errors is ValidationErrors coded && coded.Codes() is { Count: > 0 } codes)
        {
            extensions[ProblemLanguage.FieldsMember] = codes.ToDictionary(c => c.Key, c => new FieldCode(c.Value.Code, c.Value.Args), StringComparer.Ordinal);
        }
        return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), extensions: extensions);
    }

    /// <summary>
    /// A refused result (not found, forbidden, conflict, too soon) as 404/403/409/429 with its code and arguments; a
    /// 429 tells <paramref name="http"/>'s client when to come back in <c>Retry-After</c> (whole seconds).
    /// </summary>
    public static ProblemHttpResult Refusal<T>(OperationResult<T> result, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(http);
        if (result.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Refusal(result);
    }

    /// <summary>Turns a failed result into 400/403/404/409/429 (with <c>Retry-After</c>); call only when the result is not OK.</summary>
    public static Results<TOk, ValidationProblem, ProblemHttpResult> Failure<TOk, T>(OperationResult<T> result, HttpContext http)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == OperationStatus.Invalid ? Invalid(result) : Refusal(result, http);
    }

    /// <summary>A refused result (not found, forbidden, conflict) as 404/403/409 with its code and arguments.</summary>
    public static ProblemHttpResult Refusal<T>(OperationResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (status, title) = result.Status switch
        {
            OperationStatus.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            OperationStatus.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            OperationStatus.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            OperationStatus.TooSoon => (StatusCodes.Status429TooManyRequests, "Too many requests"),
            _ => throw new InvalidOperationException($"A {result.Status} result is not a refusal."),
        };
        return Problem(status, title, result.Message, result.Code, result.Args);
    }

    /// <summary>Turns a failed result into 400/403/404/409; call only when the result is not OK.</summary>
    public static Results<TOk, ValidationProblem, ProblemHttpResult> Failure<TOk, T>(OperationResult<T> result)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == OperationStatus.Invalid ? Invalid(result) : Refusal(result);
    }

    private static ProblemHttpResult Problem(int status, string title, string? detail, string? code, IReadOnlyDictionary<string, string> args) =>
        code is null
            ? Problem(status, title, detail)
            : TypedResults.Problem(statusCode: status, title: title, detail: detail,
                extensions: new Dictionary<string, object?> { [ProblemLanguage.CodeMember] = code, [ProblemLanguage.ArgsMember] = args });

    /// <summary>
    /// The acting user with their roles, taken from the access token, and the people they stand in for as proxy
    /// (looked up for the request, see <see cref="Identity.TeamRoleClaims"/>).
    /// </summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("An authenticated user has a name."),
            user.FindAll("role").Select(c => c.Value).ToArray())
        {
            Represents = [.. user.FindAll(Identity.TeamRoleClaims.RepresentsType).Select(c => c.Value)],
        };
}

/// <summary>Why one field was refused, in a validation problem's <c>fields</c>: a stable code and its arguments.</summary>
public sealed record FieldCode(string Code, IReadOnlyDictionary<string, string> Args);

/// <summary>A page of a list: <c>{items, total, page, pageSize}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>Paging query parameters, checked the same way on every list.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static ValidationErrors? Check(int page, int pageSize)
    {
        var errors = new ValidationErrors();
        if (page < 1)
        {
            errors.Refuse("page", Workflows.Runtime.Failure.PageFromOne("page"));
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Refuse("pageSize", Workflows.Runtime.Failure.Between("pageSize", 1, MaxPageSize));
        }
        return errors.Count > 0 ? errors : null;
    }

    /// <summary>
    /// How many items come before the page, computed without overflow: a page past the end (page 2147483647) skips
    /// them all and is empty, instead of wrapping around to the first page.
    /// </summary>
    public static int Skip(int page, int pageSize) => (int)Math.Clamp(((long)page - 1) * pageSize, 0, int.MaxValue);
}
