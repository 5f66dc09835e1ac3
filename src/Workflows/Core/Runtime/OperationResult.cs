using System.Globalization;

namespace Butler.Workflows.Runtime;

public enum OperationStatus
{
    Ok,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,

    /// <summary>The caller did this too recently; <see cref="OperationResult{T}.RetryAfter"/> says when they may again.</summary>
    TooSoon,
}

/// <summary>The outcome of an engine operation, shaped so a host can map it to HTTP without guessing.</summary>
/// <remarks>
/// A refusal carries a stable <see cref="Code"/> and its <see cref="Args"/>; <see cref="Message"/> is the English
/// text for logs, and <see cref="Text"/> gives it in a reader's language from <see cref="FailureText"/>.
/// </remarks>
public sealed record OperationResult<T>(OperationStatus Status, T? Value, IReadOnlyDictionary<string, string[]>? Errors, string? Message)
{
    private static readonly IReadOnlyDictionary<string, string> NoArgs = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool IsOk => Status == OperationStatus.Ok;

    /// <summary>True when an idempotency key showed this request had already been applied.</summary>
    public bool WasDuplicate { get; init; }

    /// <summary>Why the operation was refused (<c>task.notOpen</c>, <c>validation</c>…); null when it succeeded.</summary>
    public string? Code { get; init; }

    /// <summary>The arguments of <see cref="Code"/>'s message, by placeholder name.</summary>
    public IReadOnlyDictionary<string, string> Args { get; init; } = NoArgs;

    public static OperationResult<T> Ok(T value) => new(OperationStatus.Ok, value, null, null);
    public static OperationResult<T> NotFound(Failure failure) => Refused(OperationStatus.NotFound, failure);
    public static OperationResult<T> Forbidden(Failure failure) => Refused(OperationStatus.Forbidden, failure);
    public static OperationResult<T> Conflict(Failure failure) => Refused(OperationStatus.Conflict, failure);

    /// <summary>Refused for now: the same request is welcome again after <paramref name="retryAfter"/>.</summary>
    public static OperationResult<T> TooSoon(Failure failure, TimeSpan retryAfter) =>
        Refused(OperationStatus.TooSoon, failure) with { RetryAfter = retryAfter };

    /// <summary>For <see cref="OperationStatus.TooSoon"/>: how long until the request is accepted again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>One field refused for <paramref name="failure"/> (its message in the current UI culture, its code kept).</summary>
    public static OperationResult<T> Invalid(string field, Failure failure)
    {
        var errors = new Input.ValidationErrors();
        errors.Set(field, failure);
        return Invalid(errors);
    }

    public static OperationResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(OperationStatus.Invalid, default, errors, FailureText.Format(Failure.Validation, null, FailureText.English)) { Code = Failure.Validation };

    /// <summary>The same refusal as a result of another type (a step's failure passed up by its caller).</summary>
    public OperationResult<TOther> As<TOther>() =>
        new(Status, default, Errors, Message) { Code = Code, Args = Args, WasDuplicate = WasDuplicate, RetryAfter = RetryAfter };

    /// <summary>
    /// The refusal in <paramref name="culture"/>'s language. Validation keeps its field messages as they are, so its
    /// text is the message the result carries.
    /// </summary>
    public string? Text(CultureInfo culture) =>
        Code is null || (Code == Failure.Validation && Message != FailureText.Templates[Failure.Validation].En)
            ? Message
            : FailureText.Format(Code, Args, culture);

    private static OperationResult<T> Refused(OperationStatus status, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(status, default, null, failure.English) { Code = failure.Code, Args = failure.Args };
    }
}
