using Butler.Host.Identity;
using Butler.Workflows.Notifications;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Notifications;

/// <summary>Resolves users and roles to recipients through ASP.NET Identity; unknown names are skipped.</summary>
/// <remarks>A singleton over a scoped user manager: each call makes its own scope, since its callers are singletons too.</remarks>
public sealed class IdentityUserDirectory(IServiceScopeFactory scopes) : IUserDirectory
{
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(specs);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var found = new Dictionary<string, Recipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            ct.ThrowIfCancellationRequested();
            if (!string.IsNullOrWhiteSpace(spec.User) && await users.FindByNameAsync(spec.User) is { } user)
            {
                Add(found, user);
            }
            if (!string.IsNullOrWhiteSpace(spec.Role))
            {
                foreach (var member in await users.GetUsersInRoleAsync(spec.Role))
                {
                    Add(found, member);
                }
            }
        }
        return found.Values.ToList();
    }

    private static void Add(Dictionary<string, Recipient> found, ButlerUser user)
    {
        if (user.UserName is null || found.ContainsKey(user.UserName))
        {
            return;
        }
        var email = string.IsNullOrWhiteSpace(user.Email) ? null : user.Email;
        found[user.UserName] = new Recipient(user.UserName, user.DisplayName, email, string.IsNullOrWhiteSpace(user.Language) ? "zh-CN" : user.Language);
    }
}
