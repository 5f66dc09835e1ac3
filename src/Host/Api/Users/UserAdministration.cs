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
public sealed record UserChange(UserView? User, IReadOnlyList<InputError> Errors, bool NotFound = false, string? Conflict = null)
{
    public bool IsOk => User is not null;

    public static UserChange Missing(string userName) => new(null, [], NotFound: true, Conflict: $"No user '{userName}'.");

    public static UserChange Invalid(IReadOnlyList<InputError> errors) => new(null, errors);

    public static UserChange Refused(string why) => new(null, [], Conflict: why);
}

/// <summary>
/// Accounts for administrators: list and search, create, change roles, name and e-mail, lock, unlock, reset the
/// password. Shared by <c>/api/users</c> and the users page; each call uses its own scope.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider time)
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
            errors.Add(new("userName", nameof(IdentityErrorDescriber.DuplicateUserName), $"The user name '{userName}' is already taken."));
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
            errors.Add(new("password", InputError.RequiredCode, "password is required: the initial password."));
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

    /// <summary>Changes name, e-mail and roles; an administrator may not take the Admin role from themselves.</summary>
    public async Task<UserChange> UpdateAsync(string userName, UpdateUserRequest request, string actingUser)
    {
        ArgumentNullException.ThrowIfNull(request);
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
            return UserChange.Invalid([new("roles", InputError.SelfCode, "You cannot take the Admin role from yourself; ask another administrator.")]);
        }
        if (request.DisplayName is not null)
        {
            user.DisplayName = displayName;
        }
        if (request.Email is not null)
        {
            Profiles.SetEmail(users, user, email);
        }
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return UserChange.Invalid([.. InputError.FromIdentity("$", updated)]);
        }
        if (roles is not null)
        {
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current.Except(roles, StringComparer.Ordinal));
            await users.AddToRolesAsync(user, roles.Except(current, StringComparer.Ordinal));
        }
        return new(await ViewAsync(users, user), []);
    }

    /// <summary>Locks an account until unlocked; its sign-in cookie stops working at the next check. Not one's own.</summary>
    public async Task<UserChange> LockAsync(string userName, string actingUser)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChange.Missing(userName);
        }
        if (IsSelf(user, actingUser))
        {
            return UserChange.Refused("You cannot lock your own account.");
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        return new(await ViewAsync(users, user), []);
    }

    public async Task<UserChange> UnlockAsync(string userName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChange.Missing(userName);
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new(await ViewAsync(users, user), []);
    }

    /// <summary>Sets a new password that obeys the password rules; the old one stops working.</summary>
    public async Task<UserChange> ResetPasswordAsync(string userName, ResetPasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChange.Missing(userName);
        }
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return UserChange.Invalid([new("newPassword", InputError.RequiredCode, "newPassword is required.")]);
        }
        // Checked before the old password is removed, so a weak one leaves the account as it was.
        var weak = await CheckPasswordAsync(users, user, request.NewPassword, "newPassword");
        if (weak.Count > 0)
        {
            return UserChange.Invalid(weak);
        }
        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }
        var added = await users.AddPasswordAsync(user, request.NewPassword);
        return added.Succeeded ? new(await ViewAsync(users, user), []) : UserChange.Invalid([.. InputError.FromIdentity("newPassword", added)]);
    }

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
                errors.Add(new($"roles[{i}]", InputError.UnknownRoleCode, $"'{given[i]}' is not a role; roles are {string.Join(", ", Roles.All)}."));
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
