using Butler.Host.Api.Me;
using Butler.Host.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Users;

/// <summary>A user account as administrators see it; <c>lockedOut</c> while a lock-out end lies in the future.</summary>
public sealed record UserView(string UserName, string? DisplayName, string? Email, string Language, IReadOnlyList<string> Roles,
    bool LockedOut, DateTimeOffset? LockoutEnd);

/// <summary>A new account: a unique user name, an optional display name and e-mail, its roles and an initial password.</summary>
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Email, IReadOnlyList<string>? Roles, string? Password);

/// <summary>A change of an account; a field left out (null) stays, an empty display name or e-mail clears it, roles replace the old ones.</summary>
public sealed record UpdateUserRequest(string? DisplayName, string? Email, IReadOnlyList<string>? Roles);

public sealed record ResetPasswordRequest(string? NewPassword);

/// <summary>The outcome of an administrator's change: the account after it, or why nothing changed.</summary>
public sealed record UserChange(UserView? User, IReadOnlyList<InputError> Errors, bool NotFound = false, Workflows.Runtime.Failure? Conflict = null)
{
    public bool IsOk => User is not null;

    public static UserChange Missing(string userName) => new(null, [], NotFound: true, Conflict: Workflows.Runtime.Failure.UserNotFound(userName));

    public static UserChange Invalid(IReadOnlyList<InputError> errors) => new(null, errors);

    public static UserChange Refused(Workflows.Runtime.Failure why) => new(null, [], Conflict: why);
}

/// <summary>
/// Accounts for administrators: list and search, create, change roles, name and e-mail, lock, unlock, reset the
/// password. Shared by <c>/api/users</c> and the users page; each call uses its own scope.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider time, AccountSessions sessions)
{
    public async Task<PagedList<UserView>> ListAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        // A district has tens or hundreds of accounts: searching them in memory matches Chinese names and any case alike on every provider.
        var all = await users.Users.AsNoTracking().ToListAsync(ct);
        var term = search?.Trim() ?? "";
        var matching = all
            .Where(u => term.Length == 0
                || (u.UserName ?? "").Contains(term, StringComparison.OrdinalIgnoreCase)
                || (u.DisplayName ?? "").Contains(term, StringComparison.OrdinalIgnoreCase)
                || (u.Email ?? "").Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .ToList();
        var total = matching.Count;
        var found = matching.Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToList();
        var views = new List<UserView>(found.Count);
        foreach (var user in found)
        {
            views.Add(await ViewAsync(users, user));
        }
        return new PagedList<UserView>(views, total, page, pageSize);
    }

    public async Task<UserView?> GetAsync(string userName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        return await users.FindByNameAsync(userName) is { } user ? await ViewAsync(users, user) : null;
    }

    public async Task<UserChange> CreateAsync(CreateUserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var errors = new List<InputError>();
        var userName = PersonRules.UserName(request.UserName, errors);
        if (userName is not null && await users.FindByNameAsync(userName) is not null)
        {
            errors.Add(new("userName", Workflows.Runtime.Failure.Identity(nameof(IdentityErrorDescriber.DuplicateUserName), null)));
        }
        var user = new ButlerUser
        {
            UserName = userName,
            DisplayName = PersonRules.DisplayName(request.DisplayName, errors),
        };
        Profiles.SetEmail(users, user, PersonRules.Email(request.Email, errors));
        var roles = CheckRoles(request.Roles ?? [], errors);
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new("password", Workflows.Runtime.Failure.Required("password")));
        }
        else if (errors.Count == 0)
        {
            errors.AddRange(await CheckPasswordAsync(users, user, request.Password, "password"));
        }
        if (errors.Count > 0)
        {
            return UserChange.Invalid(errors);
        }
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return UserChange.Invalid([.. InputError.FromIdentity(FieldOf(created), created)]);
        }
        if (roles.Count > 0)
        {
            await users.AddToRolesAsync(user, roles);
        }
        return new(await ViewAsync(users, user), []);
    }

    /// <summary>
    /// Changes name, e-mail and roles; an administrator may not take the Admin role from themselves. Taking a role away
    /// changes the security stamp in the same write, so the sessions that carry the role end (ADR 014); adding one does not.
    /// </summary>
    public Task<UserChange> UpdateAsync(string userName, UpdateUserRequest request, string actingUser)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RetryAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
            if (await users.FindByNameAsync(userName) is not { } user)
            {
                return UserChange.Missing(userName);
            }
            var errors = new List<InputError>();
            var displayName = PersonRules.DisplayName(request.DisplayName, errors);
            var email = PersonRules.Email(request.Email, errors);
            var roles = request.Roles is null ? null : CheckRoles(request.Roles, errors);
            if (errors.Count > 0)
            {
                return UserChange.Invalid(errors);
            }
            if (roles is not null && IsSelf(user, actingUser) && !roles.Contains(Roles.Admin) && await users.IsInRoleAsync(user, Roles.Admin))
            {
                return UserChange.Invalid([new("roles", Workflows.Runtime.Failure.AdminSelf())]);
            }
            if (request.DisplayName is not null)
            {
                user.DisplayName = displayName;
            }
            if (request.Email is not null)
            {
                Profiles.SetEmail(users, user, email);
            }
            var current = await users.GetRolesAsync(user);
            var removed = roles is null ? [] : current.Except(roles, StringComparer.Ordinal).ToList();
            var added = roles is null ? [] : roles.Except(current, StringComparer.Ordinal).ToList();
            IdentityResult saved;
            if (removed.Count > 0)
            {
                // Identity's RemoveFromRolesAsync saves the user row with the removal: the new stamp goes in that one write.
                user.SecurityStamp = NewSecurityStamp();
                saved = await users.RemoveFromRolesAsync(user, removed);
            }
            else
            {
                saved = await users.UpdateAsync(user);
            }
            if (saved.Succeeded && added.Count > 0)
            {
                saved = await users.AddToRolesAsync(user, added);
            }
            if (!saved.Succeeded)
            {
                return UserChange.Invalid([.. InputError.FromIdentity("$", saved)]);
            }
            if (removed.Count > 0)
            {
                sessions.Forget(user.Id);
            }
            return new(await ViewAsync(users, user), []);
        });
    }

    /// <summary>
    /// Locks an account until unlocked. The lock and a new security stamp are one write, so every session of the account
    /// ends within <see cref="Configuration.AuthOptions.SessionCheckInterval"/> on every host (ADR 014). Not one's own.
    /// </summary>
    public Task<UserChange> LockAsync(string userName, string actingUser) => RetryAsync(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChange.Missing(userName);
        }
        if (IsSelf(user, actingUser))
        {
            return UserChange.Refused(Workflows.Runtime.Failure.UserSelfLock());
        }
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        var locked = await users.UpdateSecurityStampAsync(user);
        if (!locked.Succeeded)
        {
            return UserChange.Invalid([.. InputError.FromIdentity("$", locked)]);
        }
        sessions.Forget(user.Id);
        return new(await ViewAsync(users, user), []);
    });

    /// <summary>Ends a lock, an administrator's or one after failed sign-ins, and forgets the failures.</summary>
    public Task<UserChange> UnlockAsync(string userName) => RetryAsync(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChange.Missing(userName);
        }
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var unlocked = await users.UpdateAsync(user);
        return unlocked.Succeeded ? new(await ViewAsync(users, user), []) : UserChange.Invalid([.. InputError.FromIdentity("$", unlocked)]);
    });

    /// <summary>
    /// Sets a new password that obeys the password rules. The new hash and a new security stamp are one write: the old
    /// password stops working and so does every session signed in with it (ADR 014).
    /// </summary>
    public Task<UserChange> ResetPasswordAsync(string userName, ResetPasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RetryAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
            if (await users.FindByNameAsync(userName) is not { } user)
            {
                return UserChange.Missing(userName);
            }
            if (string.IsNullOrEmpty(request.NewPassword))
            {
                return UserChange.Invalid([new("newPassword", Workflows.Runtime.Failure.Required("newPassword"))]);
            }
            // Checked before anything is written, so a weak one leaves the account as it was.
            var weak = await CheckPasswordAsync(users, user, request.NewPassword, "newPassword");
            if (weak.Count > 0)
            {
                return UserChange.Invalid(weak);
            }
            user.PasswordHash = users.PasswordHasher.HashPassword(user, request.NewPassword);
            var reset = await users.UpdateSecurityStampAsync(user);
            if (!reset.Succeeded)
            {
                return UserChange.Invalid([.. InputError.FromIdentity("newPassword", reset)]);
            }
            sessions.Forget(user.Id);
            return new(await ViewAsync(users, user), []);
        });
    }

    /// <summary>
    /// Makes a change again on a fresh read when another write to the account came between (a sign-in attempt renews the
    /// row's concurrency stamp too), so a lock or a reset is never lost to a password guess sent at the same moment.
    /// </summary>
    private static async Task<UserChange> RetryAsync(Func<Task<UserChange>> change)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var result = await change();
            if (attempt == attempts || !result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                return result;
            }
        }
    }

    /// <summary>A new random stamp, as Identity makes them: only its being different matters.</summary>
    private static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    private static bool IsSelf(ButlerUser user, string actingUser) =>
        string.Equals(user.UserName, actingUser, StringComparison.OrdinalIgnoreCase);

    private static List<string> CheckRoles(IReadOnlyList<string> given, List<InputError> errors)
    {
        var roles = new List<string>();
        for (var i = 0; i < given.Count; i++)
        {
            var role = Roles.All.FirstOrDefault(r => string.Equals(r, given[i]?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (role is null)
            {
                errors.Add(new($"roles[{i}]", Workflows.Runtime.Failure.UnknownRole(given[i] ?? "", Roles.All)));
            }
            else if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }
        return roles;
    }

    private static async Task<List<InputError>> CheckPasswordAsync(UserManager<ButlerUser> users, ButlerUser user, string password, string field)
    {
        var errors = new List<InputError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange(InputError.FromIdentity(field, await validator.ValidateAsync(users, user, password)));
        }
        return errors;
    }

    /// <summary>Identity's user validation complains about the name or the e-mail; everything else is about the password.</summary>
    private static string FieldOf(IdentityResult result) =>
        result.Errors.FirstOrDefault()?.Code switch
        {
            { } code when code.Contains("UserName", StringComparison.Ordinal) => "userName",
            { } code when code.Contains("Email", StringComparison.Ordinal) => "email",
            _ => "password",
        };

    private async Task<UserView> ViewAsync(UserManager<ButlerUser> users, ButlerUser user)
    {
        var lockedOut = user.LockoutEnd is { } end && end > time.GetUtcNow();
        return new(user.UserName!, user.DisplayName, user.Email, user.Language,
            [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)], lockedOut, user.LockoutEnd);
    }
}
