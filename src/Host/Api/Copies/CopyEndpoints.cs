using System.Security.Claims;
using Butler.Workflows.Input;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Copies;

/// <summary>抄送: the copies sent to the signed-in user; only the person a copy was sent to sees it.</summary>
public static class CopyEndpoints
{
    public static IEndpointRouteBuilder MapCopyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cc").WithTags("Copies").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("抄送我的: the tasks and approvals copied to me, newest first; status=unread|read filters. Any signed-in user, for their own copies.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("One copy sent to me. Only the person it was sent to (else 403).");
        group.MapPost("/{id:guid}/read", Read)
            .WithSummary("Marks a copy read (the first reading's time stays; repeating it changes nothing). Only the person it was sent to.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<CopyView>>, ValidationProblem>> List(Copies copies, ClaimsPrincipal user, string? status,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        if (status is not null and not (CopyView.Unread or CopyView.Read))
        {
            errors.Refuse("status", Failure.OneOf("status", [CopyView.Unread, CopyView.Read]));
        }
        return errors.Count > 0 ? ApiResults.Invalid(errors) : TypedResults.Ok(await copies.ListAsync(user.ToActor(), status, page, pageSize, ct));
    }

    private static async Task<Results<Ok<CopyView>, ValidationProblem, ProblemHttpResult>> Get(Guid id, Copies copies, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await copies.FindAsync(id, user.ToActor(), ct);
        return found.IsOk ? TypedResults.Ok(CopyView.From(found.Value!)) : ApiResults.Failure<Ok<CopyView>, CarbonCopy>(found);
    }

    private static async Task<Results<Ok<CopyView>, ValidationProblem, ProblemHttpResult>> Read(Guid id, Copies copies, ClaimsPrincipal user, CancellationToken ct)
    {
        var read = await copies.MarkReadAsync(id, user.ToActor(), ct);
        return read.IsOk ? TypedResults.Ok(CopyView.From(read.Value!)) : ApiResults.Failure<Ok<CopyView>, CarbonCopy>(read);
    }
}
