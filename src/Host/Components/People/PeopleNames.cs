using System.Collections.Frozen;
using Butler.Host.Identity;
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

    /// <summary>Reads the accounts' display names unless this circuit already has them.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (_names is not null)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
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

    /// <summary>The display name of <paramref name="userName"/> (after <see cref="LoadAsync"/>), else the user name itself.</summary>
    public string Of(string? userName) =>
        string.IsNullOrEmpty(userName) ? ""
        : userName == Workflows.Runtime.Actor.System.UserName ? UiText.Pick("系统", "system")
        : _names?.GetValueOrDefault(userName) ?? userName;
}
