using Butler.Host.Components;
using Butler.Host.Identity;
using Butler.Workflows.Notifications;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Api.Me;

/// <summary>Which e-mails a person takes; in-app notifications are always on.</summary>
public sealed record MailPreferences(bool Reminders, bool Escalations, bool ApprovalRequests)
{
    public static MailPreferences Of(ButlerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.WantsMail(NotificationKind.Reminder), user.WantsMail(NotificationKind.Escalation), user.WantsMail(NotificationKind.ApprovalRequested));
    }

    public void ApplyTo(ButlerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.SetWantsMail(NotificationKind.Reminder, Reminders);
        user.SetWantsMail(NotificationKind.Escalation, Escalations);
        user.SetWantsMail(NotificationKind.ApprovalRequested, ApprovalRequests);
    }
}

/// <summary>The signed-in person as they see themselves.</summary>
public sealed record ProfileView(string UserName, string? DisplayName, string? Email, string Language, IReadOnlyList<string> Roles, MailPreferences Mail);

/// <summary>A change of one's own profile; a field left out (null) stays as it is, an empty display name or e-mail clears it.</summary>
public sealed record UpdateProfileRequest(string? DisplayName, string? Email, string? Language, MailPreferences? Mail);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>常用意见: the phrases offered under every comment box, in the person's order.</summary>
public sealed record PhrasesView(IReadOnlyList<string> Phrases);

public sealed record PhrasesRequest(IReadOnlyList<string?>? Phrases);

/// <summary>The outcome of a change: the profile after it, or what was wrong (nothing is saved then).</summary>
public sealed record ProfileChange(ProfileView? Profile, IReadOnlyList<InputError> Errors)
{
    public bool IsOk => Errors.Count == 0;
}

/// <summary>
/// Reads and changes one's own profile, for <c>/api/me</c> and the profile page alike. Each call uses its own scope, so
/// a long-lived page never works on a stale user.
/// </summary>
public sealed class Profiles(IServiceScopeFactory scopes)
{
    public async Task<ProfileView?> GetAsync(string userName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        return await users.FindByNameAsync(userName) is { } user ? await ViewAsync(users, user) : null;
    }

    public async Task<ProfileChange> UpdateAsync(string userName, UpdateProfileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"The signed-in user '{userName}' does not exist.");
        var errors = new List<InputError>();
        var displayName = PersonRules.DisplayName(request.DisplayName, errors);
        var email = PersonRules.Email(request.Email, errors);
        if (request.Language is not null && !UiText.Languages.Contains(request.Language))
        {
            errors.Add(new("language", Workflows.Runtime.Failure.OneOf("language", UiText.Languages)));
        }
        if (errors.Count > 0)
        {
            return new(null, errors);
        }
        if (request.DisplayName is not null)
        {
            user.DisplayName = displayName;
        }
        if (request.Email is not null)
        {
            SetEmail(users, user, email);
        }
        if (request.Language is not null)
        {
            user.Language = request.Language;
        }
        request.Mail?.ApplyTo(user);
        var saved = await users.UpdateAsync(user);
        return saved.Succeeded ? new(await ViewAsync(users, user), []) : new(null, [.. InputError.FromIdentity("$", saved)]);
    }

    public const int MaxPhrases = 30;

    public const int MaxPhraseLength = 200;

    /// <summary>What a person who never chose their own phrases is offered, in their language.</summary>
    public static IReadOnlyList<string> DefaultPhrases =>
    [
        UiText.Pick("同意", "Agreed"),
        UiText.Pick("已阅", "Read"),
        UiText.Pick("情况属实，拟同意", "Checked; I propose to agree"),
        UiText.Pick("请补充材料后再报", "Please add the missing papers and send it again"),
        UiText.Pick("请抓紧办理", "Please deal with it soon"),
    ];

    /// <summary>The person's phrases, or the defaults in the current language when they never chose their own.</summary>
    public async Task<IReadOnlyList<string>> PhrasesAsync(string userName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var user = await users.FindByNameAsync(userName);
        return user?.PhrasesJson is { } json ? System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [] : DefaultPhrases;
    }

    /// <summary>
    /// Replaces the person's phrases: at most 30, each one line of at most 200 characters; blanks are refused by their
    /// index, a repeated phrase is kept once. An empty list offers none.
    /// </summary>
    public async Task<(IReadOnlyList<string>? Phrases, IReadOnlyList<InputError> Errors)> SetPhrasesAsync(string userName, IReadOnlyList<string?>? phrases)
    {
        var errors = new List<InputError>();
        if (phrases is null)
        {
            return (null, [new("phrases", Workflows.Runtime.Failure.Required("phrases"))]);
        }
        if (phrases.Count > MaxPhrases)
        {
            return (null, [new("phrases", Workflows.Runtime.Failure.TooManyEntries("phrases", MaxPhrases))]);
        }
        var kept = new List<string>();
        for (var i = 0; i < phrases.Count; i++)
        {
            var field = $"phrases[{i}]";
            var phrase = phrases[i]?.Trim();
            if (string.IsNullOrEmpty(phrase))
            {
                errors.Add(new(field, Workflows.Runtime.Failure.Required(field)));
            }
            else if (Workflows.Input.InputRules.LineProblem(phrase, field, MaxPhraseLength) is { } problem)
            {
                errors.Add(InputError.From(field, problem));
            }
            else if (!kept.Contains(phrase, StringComparer.Ordinal))
            {
                kept.Add(phrase);
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"The signed-in user '{userName}' does not exist.");
        user.PhrasesJson = System.Text.Json.JsonSerializer.Serialize(kept);
        var saved = await users.UpdateAsync(user);
        return saved.Succeeded ? (kept, []) : (null, [.. InputError.FromIdentity("phrases", saved)]);
    }

    /// <summary>
    /// Changes one's password after checking the current one (a wrong one counts towards the lock-out); the new one must
    /// pass Identity's password rules. The security stamp changes, so every session signed in before ends (ADR 014).
    /// </summary>
    public async Task<IReadOnlyList<InputError>> ChangePasswordAsync(string userName, ChangePasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<InputError>();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors.Add(new("currentPassword", Workflows.Runtime.Failure.Required("currentPassword")));
        }
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            errors.Add(new("newPassword", Workflows.Runtime.Failure.Required("newPassword")));
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        // Checked as a sign-in is, so a stolen session cannot guess the password faster than the lock-out allows.
        if (await scope.ServiceProvider.GetRequiredService<PasswordSignIn>().CheckAsync(userName, request.CurrentPassword!) is not { } user)
        {
            return [new("currentPassword", Workflows.Runtime.Failure.WrongPassword())];
        }
        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!changed.Succeeded)
        {
            return [.. InputError.FromIdentity("newPassword", changed)];
        }
        scope.ServiceProvider.GetRequiredService<AccountSessions>().Forget(user.Id);
        return [];
    }

    /// <summary>
    /// Sets the address without touching the security stamp (which would sign the person out of the web app):
    /// an e-mail address is where notifications go, not a credential.
    /// </summary>
    internal static void SetEmail(UserManager<ButlerUser> users, ButlerUser user, string? email)
    {
        if (string.Equals(user.Email, email, StringComparison.Ordinal))
        {
            return;
        }
        user.Email = email;
        user.NormalizedEmail = email is null ? null : users.NormalizeEmail(email);
        user.EmailConfirmed = false;
    }

    private static async Task<ProfileView> ViewAsync(UserManager<ButlerUser> users, ButlerUser user) =>
        new(user.UserName!, user.DisplayName, user.Email, user.Language, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)], MailPreferences.Of(user));
}
