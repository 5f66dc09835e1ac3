using Butler.Host.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Butler.Workflows.Input;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Auth;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public static class AuthEndpoints
{
    /// <summary>
    /// POST /api/auth/token — anyone. A wrong password, an unknown user name and a locked account all get the same 401,
    /// so the answer never tells which (<see cref="PasswordSignIn"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", IssueToken).AllowAnonymous()
            .WithSummary("Exchanges a user name and password for a bearer access token. Anyone may call it. Five failures lock the account for 15 minutes; every refusal is the same 401.");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext http, PasswordSignIn signIn, UserManager<ButlerUser> users, TokenService tokens, CancellationToken ct)
    {
        // A token, or the refusal of one, is never kept by a browser's or a proxy's cache.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Refuse("userName", Failure.Required("userName"));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Refuse("password", Failure.Required("password"));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        if (await signIn.CheckAsync(request.UserName!, request.Password!, ct) is not { } user)
        {
            return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Sign-in failed", Failure.SignInFailed());
        }
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new TokenResponse(tokens.Issue(user, roles), (int)tokens.Lifetime.TotalSeconds));
    }
}
