using System.Net;

namespace Butler.Designer.Api;

/// <summary>
/// What an API call gave: a value, or the reason it did not — the status, the problem's detail and the field errors of a
/// validation problem (field path → messages), so a form can show each message next to its field.
/// </summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode Status, string? Error, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public static ApiResult<T> Success(T value, HttpStatusCode status = HttpStatusCode.OK) =>
        new(value, status, null, new Dictionary<string, string[]>());

    public static ApiResult<T> Failure(HttpStatusCode status, string? error, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(default, status, error, errors ?? new Dictionary<string, string[]>());

    /// <summary>Every message in one line each: the detail first, then "field: message".</summary>
    public IEnumerable<string> Messages()
    {
        if (!string.IsNullOrWhiteSpace(Error))
        {
            yield return Error;
        }
        foreach (var (field, messages) in Errors)
        {
            foreach (var message in messages)
            {
                yield return field is "" or "$" ? message : $"{field}: {message}";
            }
        }
    }
}
