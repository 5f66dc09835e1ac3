using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Me;

public static class MeEndpoints
{
    /// <summary>The signed-in person's own profile: name, e-mail, language, which e-mails they take, password.</summary>
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Profile").RequireAuthorization();
        group.MapGet("/", Get)
            .WithSummary("The caller's profile: user name, display name, e-mail, language (zh-CN or en), roles and which e-mails they take. Any signed-in user.");
        group.MapPut("/", Update)
            .WithSummary("Changes the caller's display name, e-mail, language and e-mail preferences (reminders, escalations, approval requests); fields left out stay. In-app notifications are always on. Any signed-in user.");
        group.MapGet("/phrases", Phrases)
            .WithSummary("常用意见: the phrases offered under every comment box ({phrases: [..]}); defaults in the caller's language until they choose their own. Any signed-in user, their own.");
        group.MapPut("/phrases", SetPhrases)
            .WithSummary("Replaces the caller's phrases ({phrases: [..]}): at most 30, each one line of at most 200 characters; a repeat is kept once, [] offers none. Any signed-in user, their own.");
        group.MapPost("/password", ChangePassword)
            .WithSummary("Changes the caller's password: the current one, and a new one obeying the password rules. Any signed-in user.");
        return app;
    }

    private static async Task<Results<Ok<ProfileView>, NotFound>> Get(Profiles profiles, ClaimsPrincipal user) =>
        await profiles.GetAsync(user.ToActor().UserName) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<Results<Ok<ProfileView>, ValidationProblem>> Update(UpdateProfileRequest request, Profiles profiles, ClaimsPrincipal user)
    {
        var change = await profiles.UpdateAsync(user.ToActor().UserName, request);
        return change.IsOk ? TypedResults.Ok(change.Profile!) : InputError.ToProblem(change.Errors);
    }

    private static async Task<Ok<PhrasesView>> Phrases(Profiles profiles, ClaimsPrincipal user) =>
        TypedResults.Ok(new PhrasesView(await profiles.PhrasesAsync(user.ToActor().UserName)));

    private static async Task<Results<Ok<PhrasesView>, ValidationProblem>> SetPhrases(PhrasesRequest? request, Profiles profiles, ClaimsPrincipal user)
    {
        var (phrases, errors) = await profiles.SetPhrasesAsync(user.ToActor().UserName, request?.Phrases);
        return errors.Count == 0 ? TypedResults.Ok(new PhrasesView(phrases!)) : InputError.ToProblem(errors);
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePassword(ChangePasswordRequest request, Profiles profiles, ClaimsPrincipal user)
    {
        var errors = await profiles.ChangePasswordAsync(user.ToActor().UserName, request);
        return errors.Count == 0 ? TypedResults.NoContent() : InputError.ToProblem(errors);
    }
}
