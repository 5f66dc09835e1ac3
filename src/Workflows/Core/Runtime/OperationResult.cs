namespace Butler.Workflows.Runtime;

public enum OperationStatus
{
    Ok,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

/// <summary>The outcome of an engine operation, shaped so a host can map it to HTTP without guessing.</summary>
public sealed record OperationResult<T>(OperationStatus Status, T? Value, IReadOnlyDictionary<string, string[]>? Errors, string? Message)
{
    public bool IsOk => Status == OperationStatus.Ok;

    /// <summary>True when an idempotency key showed this request had already been applied.</summary>
    public bool WasDuplicate { get; init; }

    public static OperationResult<T> Ok(T value) => new(OperationStatus.Ok, value, null, null);
    public static OperationResult<T> NotFound(string message) => new(OperationStatus.NotFound, default, null, message);
    public static OperationResult<T> Forbidden(string message) => new(OperationStatus.Forbidden, default, null, message);
    public static OperationResult<T> Conflict(string message) => new(OperationStatus.Conflict, default, null, message);

    public static OperationResult<T> Invalid(string field, string message) =>
        new(OperationStatus.Invalid, default, new Dictionary<string, string[]> { [field] = [message] }, message);

    public static OperationResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(OperationStatus.Invalid, default, errors, "The request is invalid.");
}
