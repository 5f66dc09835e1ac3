namespace Butler.Workflows.Runtime;

/// <summary>
/// What makes a stimulus happen once: <see cref="Value"/> is remembered in the transaction of the work, and a second
/// stimulus with the same value does nothing. A host scopes an API client's key to the caller, the operation and its
/// target before it reaches the engine, and adds the request that did the work and a hash of what it asked, so a
/// replay can be told from a different request reusing the key.
/// </summary>
/// <param name="Value">The scoped key, at most 200 characters.</param>
/// <param name="RequestId">The request that carries it, when a host sends one.</param>
/// <param name="Fingerprint">A hash of what that request asked, when a host sends one.</param>
public sealed record IdempotencyKey(string Value, Guid? RequestId = null, string? Fingerprint = null)
{
    public const int MaxLength = 200;

    /// <summary>A key chosen inside the system (a decision link's nonce, a test's name), with no request behind it.</summary>
    public static IdempotencyKey? FromString(string? value) => value is null ? null : new IdempotencyKey(value);

    public static implicit operator IdempotencyKey?(string? value) => FromString(value);
}
