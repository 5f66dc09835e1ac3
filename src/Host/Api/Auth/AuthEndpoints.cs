using Butler.Host.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Api.Auth;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public static class AuthEndpoints
{
    /// <summary>POST /api/auth/token — anyone; wrong credentials and locked accounts get 401.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", IssueToken).AllowAnonymous()
            .WithSummary("Exchanges a user name and password for a bearer access token. Anyone may call it.");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueToken(
        TokenRequest request, UserManager<ButlerUser> users, TokenService tokens)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["The user name is required."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["The password is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var user = await users.FindByNameAsync(request.UserName!);
        if (user is null)
        {
            return Unauthorized();
        }
        if (await users.IsLockedOutAsync(user))
        {
            return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Account locked", "Too many failed sign-ins; try again later.");
        }
        if (!await users.CheckPasswordAsync(user, request.Password!))
        {
            await users.AccessFailedAsync(user);
            return Unauthorized();
        }
        await users.ResetAccessFailedCountAsync(user);
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new TokenResponse(tokens.Issue(user, roles), (int)tokens.Lifetime.TotalSeconds));
    }

    private static ProblemHttpResult Unauthorized() =>
        ApiResults.Problem(StatusCodes.Status401Unauthorized, "Sign-in failed", "The user name or password is wrong.");
}
