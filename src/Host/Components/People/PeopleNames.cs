using System.Collections.Frozen;
using Butler.Host.Identity;
using Butler.Workflows.Activities;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Components.People;

/// <summary>
/// People as readers know them: the display name of each account, read once per circuit (a district has tens of
/// accounts, not thousands), so a page shows 王芳 where the data holds the user name <c>wang.fang</c>. The engine's own
/// actor reads as 系统 / system; a name with no account (a deleted one) stays as written.
/// </summary>
public sealed class PeopleNames(IServiceScopeFactory scopes)
{
    private FrozenDictionary<string, string>? _names;
    private FrozenDictionary<string, LocalizedText> _teams = FrozenDictionary<string, LocalizedText>.Empty;

    /// <summary>Reads the accounts' display names unless this circuit already has them.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (_names is not null)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IDbContextFactory<ButlerDbContext>>() is { } dbFactory)
        {
            // A team is addressed by its role (team:{id}) wherever a person could be: its name stands for it.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct);
            _teams = teams.ToFrozenDictionary(t => Team.RolePrefix + t.Id.ToString("D"), t => t.Name, StringComparer.OrdinalIgnoreCase);
        }
        if (scope.ServiceProvider.GetService<UserManager<ButlerUser>>() is not { } users)
        {
            // A host without accounts (a component rendered on its own) shows user names as they are.
            _names = FrozenDictionary<string, string>.Empty;
            return;
        }
        var named = await users.Users.AsNoTracking().Where(u => u.DisplayName != null && u.DisplayName != "")
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        _names = named.Where(u => u.UserName is not null)
            .ToFrozenDictionary(u => u.UserName!, u => u.DisplayName!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The display name of <paramref name="userName"/> (after <see cref="LoadAsync"/>), a team's name for its role
    /// <c>team:{id}</c>, else the name itself.
    /// </summary>
    public string Of(string? userName) =>
        string.IsNullOrEmpty(userName) ? ""
        : userName == Workflows.Runtime.Actor.System.UserName ? UiText.Pick("系统", "system")
        : _teams.GetValueOrDefault(userName)?.Current ?? _names?.GetValueOrDefault(userName) ?? userName;

    /// <summary>Who acted, and for whom when they acted as a proxy (代理人): "王芳 代 李副区长" / "Wang Fang for …".</summary>
    public string Of(string? userName, string? onBehalfOf) =>
        string.IsNullOrEmpty(onBehalfOf) ? Of(userName) : UiText.ProxyActedFor(Of(userName), Of(onBehalfOf));
}
