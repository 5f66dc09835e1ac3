using Butler.Workflows.Runtime;
using Microsoft.OpenApi;

namespace Butler.Host.Api.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>
    /// Marks an endpoint as honouring <c>Idempotency-Key</c>: the key is scoped to the caller, the method and the
    /// path, the request is fingerprinted and the first answer is kept for replays. The handler passes
    /// <see cref="IdempotencyKeyOf"/> to the engine, which remembers it in the transaction of the work.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithMetadata(IdempotentOperation.Instance)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Makes a retry safe: the same key from the same user on the same operation and target does the work once and "
                        + "answers again what the first request was answered (status, body, Location, with Idempotent-Replayed: true). The same key "
                        + "with a different request is 422. At most 200 printable characters.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKey.MaxLength },
                });
                operation.Responses ??= [];
                operation.Responses.TryAdd("422", new OpenApiResponse { Description = "The Idempotency-Key was used before for a different request." });
                return Task.CompletedTask;
            });
    }

    /// <summary>The scoped key of this request for the engine, or null when the client sent none.</summary>
    public static IdempotencyKey? IdempotencyKeyOf(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IdempotencyKey>();
    }

    /// <summary>Runs <see cref="IdempotencyMiddleware"/> for the endpoints marked <see cref="WithIdempotency"/>.</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
