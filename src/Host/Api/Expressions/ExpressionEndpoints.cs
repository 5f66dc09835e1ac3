using Butler.Workflows.Runtime;
using Butler.Workflows.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Expressions;

/// <summary>An expression to check; nothing is run.</summary>
public sealed record CheckExpressionRequest(string? Expression);

/// <summary>Whether the expression parses, and the parser's message when it does not.</summary>
public sealed record ExpressionCheckResponse(bool Valid, string? Error);

public static class ExpressionEndpoints
{
    /// <summary>The longest expression checked; definitions are capped at a megabyte, and an expression is one line of logic.</summary>
    public const int MaxLength = 10_000;

    /// <summary>A syntax check for the designer's expression editor: the same parse the validator applies, never an evaluation.</summary>
    public static IEndpointRouteBuilder MapExpressionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/expressions").WithTags("Expressions").RequireAuthorization();
        group.MapPost("/check", Check)
            .WithSummary("Says whether a JavaScript expression parses as the engine will read it (strict mode), with the parser's message if not; the expression is never run. Any signed-in user.");
        return app;
    }

    private static Results<Ok<ExpressionCheckResponse>, ValidationProblem> Check(CheckExpressionRequest? request)
    {
        if (request?.Expression is not { } expression)
        {
            return ApiResults.Invalid("expression", Failure.Required("expression"));
        }
        if (expression.Length > MaxLength)
        {
            return ApiResults.Invalid("expression", Failure.TooLong("expression", MaxLength));
        }
        var error = ExpressionEvaluator.CheckSyntax(expression);
        return TypedResults.Ok(new ExpressionCheckResponse(error is null, error));
    }
}
