namespace Butler.Host.Api.Idempotency;

/// <summary>Endpoint metadata: the endpoint honours an <c>Idempotency-Key</c> header (see <see cref="IdempotencyMiddleware"/>).</summary>
public sealed class IdempotentOperation
{
    public static IdempotentOperation Instance { get; } = new();
}
