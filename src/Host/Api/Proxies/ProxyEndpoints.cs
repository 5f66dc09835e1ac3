using System.Security.Claims;
using Butler.Host.Api.Idempotency;
using Butler.Host.Identity;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Proxies;

public static class ProxyEndpoints
{
    private const string Shape = "{to, from, until, comment}: to an existing, unlocked user other than the person; from (default now) and until "
        + "(required, after from) with their offsets. While it holds, tasks and approvals assigned to the person by name also reach the proxy, "
        + "who may act on their behalf; a proxy of a proxy is followed once; a loop at an overlapping time is refused (400 on to).";

    /// <summary>代理人: one's own out-of-office proxy, and an administrator's view of anyone's.</summary>
    public static IEndpointRouteBuilder MapProxyEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/proxy").WithTags("Profile").RequireAuthorization();
        me.MapGet("/", GetOwn)
            .WithSummary("代理人: the caller's proxy, active or planned (404 when none). Any signed-in user, their own.");
        me.MapPut("/", SetOwn).WithIdempotency()
            .WithSummary("Names the caller's proxy, replacing any: " + Shape + " Any signed-in user, their own.");
        me.MapDelete("/", ClearOwn).WithIdempotency()
            .WithSummary("Ends the caller's proxy at once (204, also when there was none). Any signed-in user, their own.");

        var others = app.MapGroup("/api/users/{userName}/proxy").WithTags("Users").RequireAuthorization(Policies.Admin);
        others.MapGet("/", Get)
            .WithSummary("A person's proxy (404 when none, or no such person). Admin only.");
        others.MapPut("/", Set).WithIdempotency()
            .WithSummary("Names a person's proxy for them: " + Shape + " Admin only.");
        others.MapDelete("/", Clear).WithIdempotency()
            .WithSummary("Ends a person's proxy (204; 404 when there is no such person). Admin only.");
        return app;
    }

    private static Task<Results<Ok<ProxyView>, ProblemHttpResult>> GetOwn(Proxies proxies, ClaimsPrincipal user, CancellationToken ct) =>
        Get(user.ToActor().UserName, proxies, ct);

    private static async Task<Results<Ok<ProxyView>, ValidationProblem, ProblemHttpResult>> SetOwn(ProxyRequest? request, Proxies proxies, ClaimsPrincipal user,
        CancellationToken ct) => await Set(user.ToActor().UserName, request, proxies, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearOwn(Proxies proxies, ClaimsPrincipal user) =>
        await Clear(user.ToActor().UserName, proxies);

    private static async Task<Results<Ok<ProxyView>, ProblemHttpResult>> Get(string userName, Proxies proxies, CancellationToken ct) =>
        await proxies.GetAsync(userName, ct) is { } view
            ? TypedResults.Ok(view)
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.ProxyNone(userName));

    private static async Task<Results<Ok<ProxyView>, ValidationProblem, ProblemHttpResult>> Set(string userName, ProxyRequest? request, Proxies proxies,
        CancellationToken ct)
    {
        if (request is null)
        {
            return InputError.ToProblem([new InputError("$", Failure.EmptyBody())]);
        }
        return await proxies.SetAsync(userName, request, ct) switch
        {
            null => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.UserNotFound(userName)),
            { IsOk: true } change => TypedResults.Ok(change.Proxy!),
            var change => InputError.ToProblem(change.Errors),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Clear(string userName, Proxies proxies) =>
        await proxies.ClearAsync(userName)
            ? TypedResults.NoContent()
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.UserNotFound(userName));
}
