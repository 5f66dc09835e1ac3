using Butler.Host.Identity;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Notifications;

/// <summary>
/// Resolves users and roles to recipients through ASP.NET Identity; a role <c>team:{id}</c> is that team's members and
/// lead, looked up in Butler's database. Unknown names and teams are skipped.
/// </summary>
/// <remarks>A singleton over a scoped user manager: each call makes its own scope, since its callers are singletons too.</remarks>
public sealed class IdentityUserDirectory(IServiceScopeFactory scopes) : IUserDirectory
{
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(specs);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var found = new Dictionary<string, Recipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            ct.ThrowIfCancellationRequested();
            if (!string.IsNullOrWhiteSpace(spec.User) && await users.FindByNameAsync(spec.User) is { } user)
            {
                Add(found, user, now);
            }
            if (spec.Role is { } teamRole && teamRole.StartsWith(Team.RolePrefix, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var name in await TeamPeopleAsync(scope.ServiceProvider, teamRole, ct))
                {
                    if (await users.FindByNameAsync(name) is { } person)
                    {
                        Add(found, person, now);
                    }
                }
            }
            else if (!string.IsNullOrWhiteSpace(spec.Role))
            {
                foreach (var member in await users.GetUsersInRoleAsync(spec.Role))
                {
                    Add(found, member, now);
                }
            }
        }
        return found.Values.ToList();
    }

    public async Task<IReadOnlyList<Recipient>> ProxiesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userNames);
        if (userNames.Count == 0)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        // Resolved when asked, not injected: the proxies read people through this directory.
        var proxies = await scope.ServiceProvider.GetRequiredService<Api.Proxies.Proxies>().ProxiesOfAsync(userNames, ct);
        return proxies.Count == 0 ? [] : await ResolveAsync([.. proxies.Select(p => new RecipientSpec(p, null))], ct);
    }

    /// <summary>The user names of a team's members and lead; none for a malformed or unknown team.</summary>
    private static async Task<IReadOnlyList<string>> TeamPeopleAsync(IServiceProvider services, string role, CancellationToken ct)
    {
        if (!Guid.TryParse(role.AsSpan(Team.RolePrefix.Length), out var teamId))
        {
            return [];
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync(ct);
        var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null)
        {
            return [];
        }
        return [.. team.Members.Select(m => m.UserName).Append(team.LeadUserName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static void Add(Dictionary<string, Recipient> found, ButlerUser user, DateTimeOffset now)
    {
        if (user.UserName is null || found.ContainsKey(user.UserName))
        {
            return;
        }
        var email = string.IsNullOrWhiteSpace(user.Email) ? null : user.Email;
        found[user.UserName] = new Recipient(user.UserName, user.DisplayName, email, string.IsNullOrWhiteSpace(user.Language) ? "zh-CN" : user.Language,
            user.MailOptOut is null ? null : user.DeclinedMail, Locked: user.LockoutEnd is { } end && end > now);
    }
}
