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
        group.MapGet("/signature", GetSignature)
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .WithSummary("签名: the caller's handwritten signature as image/png; 404 when they have none. Any signed-in user, their own.");
        group.MapPut("/signature", SetSignature)
            .WithSummary("Replaces the caller's signature: the body is the PNG file itself, sent with Content-Type image/png, at most 200 KB (else 400 naming 'signature'). It is printed on the sheets (审批单) of the runs they worked on. Any signed-in user, their own.");
        group.MapDelete("/signature", DeleteSignature)
            .WithSummary("Removes the caller's signature; 204 also when there was none. Any signed-in user, their own.");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> GetSignature(Signatures signatures, ClaimsPrincipal user, CancellationToken ct) =>
        await signatures.GetAsync(user.ToActor().UserName, ct) is { } png ? TypedResults.File(png, "image/png") : TypedResults.NotFound();

    private static async Task<Results<NoContent, ValidationProblem>> SetSignature(HttpRequest request, Signatures signatures, ClaimsPrincipal user, CancellationToken ct)
    {
        // Read one byte past the limit, so a larger body is refused without being held whole.
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0 && body.Length <= Identity.UserSignature.MaxBytes)
        {
            body.Write(buffer, 0, read);
        }
        var errors = await signatures.SetAsync(user.ToActor().UserName, body.ToArray(), request.ContentType, ct);
        return errors.Count == 0 ? TypedResults.NoContent() : InputError.ToProblem(errors);
    }

    private static async Task<NoContent> DeleteSignature(Signatures signatures, ClaimsPrincipal user, CancellationToken ct)
    {
        await signatures.DeleteAsync(user.ToActor().UserName, ct);
        return TypedResults.NoContent();
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
