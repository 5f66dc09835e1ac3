using System.Security.Claims;
using Butler.Host.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Users;

public static class UserEndpoints
{
    /// <summary>User accounts, for administrators only.</summary>
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List)
            .WithSummary("Accounts by user name with roles and lock-out; search matches user name, display name or e-mail. Admin only.");
        group.MapGet("/{userName}", Get)
            .WithSummary("One account. Admin only.");
        group.MapPost("/", Create)
            .WithSummary("Creates an account: a user name no one has, display name, e-mail, roles (Admin, Leader, Squad) and an initial password obeying the password rules. Admin only.");
        group.MapPut("/{userName}", Update)
            .WithSummary("Changes an account's display name, e-mail and roles (replaced); fields left out stay. Admin only; not your own Admin role.");
        group.MapPost("/{userName}/lock", Lock)
            .WithSummary("Locks an account until it is unlocked; not your own (409). Admin only.");
        group.MapPost("/{userName}/unlock", Unlock)
            .WithSummary("Unlocks an account and clears its failed sign-ins. Admin only.");
        group.MapPost("/{userName}/reset-password", ResetPassword)
            .WithSummary("Sets a new password obeying the password rules. Admin only.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<UserView>>, ValidationProblem>> List(
        UserAdministration accounts, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(await accounts.ListAsync(search, page, pageSize, ct));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Get(string userName, UserAdministration accounts) =>
        await accounts.GetAsync(userName) is { } user
            ? TypedResults.Ok(user)
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Workflows.Runtime.Failure.UserNotFound(userName));

    private static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> Create(CreateUserRequest request, UserAdministration accounts)
    {
        var change = await accounts.CreateAsync(request);
        return change.IsOk
            ? TypedResults.Created($"/api/users/{Uri.EscapeDataString(change.User!.UserName)}", change.User)
            : Failure(change);
    }

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Update(
        string userName, UpdateUserRequest request, UserAdministration accounts, ClaimsPrincipal user) =>
        Answer(await accounts.UpdateAsync(userName, request, user.ToActor().UserName));

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Lock(string userName, UserAdministration accounts, ClaimsPrincipal user) =>
        Answer(await accounts.LockAsync(userName, user.ToActor().UserName));

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Unlock(string userName, UserAdministration accounts) =>
        Answer(await accounts.UnlockAsync(userName));

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> ResetPassword(
        string userName, ResetPasswordRequest request, UserAdministration accounts) =>
        Answer(await accounts.ResetPasswordAsync(userName, request));

    private static Results<Ok<UserView>, ValidationProblem, ProblemHttpResult> Answer(UserChange change)
    {
        if (change.IsOk)
        {
            return TypedResults.Ok(change.User!);
        }
        return change.Problem() is { } problem ? problem : InputError.ToProblem(change.Errors);
    }

    private static Results<Created<UserView>, ValidationProblem, ProblemHttpResult> Failure(UserChange change) =>
        change.Problem() is { } problem ? problem : InputError.ToProblem(change.Errors);

    /// <summary>404 for a missing account, 409 for a refused change; null for invalid input.</summary>
    private static ProblemHttpResult? Problem(this UserChange change) =>
        change.NotFound ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", change.Conflict!)
        : change.Conflict is { } why ? ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", why)
        : null;
}
