using Butler.Host.Identity;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Proxies;

/// <summary>
/// 代理人: reads, names and ends a person's out-of-office proxy, for <c>/api/me/proxy</c>, <c>/api/users/{userName}/proxy</c>,
/// a promotion trip and the profile page alike; and tells who stands in for whom now, for the actor of a request and
/// for notifications. Each call uses its own scope (its callers are singletons and long-lived pages).
/// </summary>
public sealed class Proxies(IServiceScopeFactory scopes, IUserDirectory directory, TimeProvider time)
{
    public const int MaxComment = 500;

    /// <summary>The person's proxy, active or planned, or null when they have none (or there is no such person).</summary>
    public async Task<ProxyView?> GetAsync(string userName, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        return await users.FindByNameAsync(userName) is { ProxyUserName: not null } user ? await ViewAsync(user, ct) : null;
    }

    /// <summary>
    /// Names <paramref name="userName"/>'s proxy, replacing any they had; null when there is no such person. Refused by
    /// field: <c>to</c> unknown, locked, the person themself, or leading back to them at an overlapping time (a loop);
    /// <c>until</c> missing, not after <c>from</c>, or already past.
    /// </summary>
    public async Task<ProxyChange?> SetAsync(string userName, ProxyRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } owner)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var errors = new ValidationErrors();
        var to = await InputRules.UserAsync(directory, request.To, "to", errors, active: true, ct: ct);
        var from = InputRules.Instant(request.From, "from", errors) ?? now;
        var until = InputRules.Instant(request.Until, "until", errors, required: true);
        var comment = InputRules.Text(request.Comment, "comment", errors, MaxComment);
        if (to is not null && string.Equals(to, owner.UserName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Refuse("to", Failure.ProxySelf());
        }
        if (until is { } end && !errors.ContainsKey("until"))
        {
            if (end <= from)
            {
                errors.Refuse("until", Failure.ProxyUntilBeforeFrom());
            }
            else if (end <= now)
            {
                errors.Refuse("until", Failure.NotInFuture("until"));
            }
        }
        if (to is not null && until is not null && errors.Count == 0
            && ProxyRoster.Loop(await LinksAsync(users, ct), owner.UserName!, to, from, until.Value) is { } loop)
        {
            errors.Refuse("to", Failure.ProxyLoop(to, [owner.UserName!, .. loop]));
        }
        if (errors.Count > 0)
        {
            return new(null, [.. errors.Codes().Select(e => new InputError(e.Key, e.Value))]);
        }
        owner.SetProxy(to!, from, until!.Value, comment);
        var saved = await users.UpdateAsync(owner);
        return saved.Succeeded ? new(await ViewAsync(owner, ct), []) : new(null, [.. InputError.FromIdentity("to", saved)]);
    }

    /// <summary>Ends the person's proxy (nothing happens when they had none); false when there is no such person.</summary>
    public async Task<bool> ClearAsync(string userName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } owner)
        {
            return false;
        }
        if (owner.ProxyUserName is not null)
        {
            owner.ClearProxy();
            await users.UpdateAsync(owner);
        }
        return true;
    }

    /// <summary>The people <paramref name="userName"/> stands in for right now (a proxy of a proxy followed once).</summary>
    public async Task<IReadOnlyList<string>> RepresentedAsync(string userName, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var links = await LinksAsync(scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>(), ct);
        return links.Count == 0 ? [] : ProxyRoster.Represented(links, userName, time.GetUtcNow());
    }

    /// <summary>The proxies of <paramref name="userNames"/> right now, each followed once, none of them among the names.</summary>
    public async Task<IReadOnlyList<string>> ProxiesOfAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userNames);
        if (userNames.Count == 0)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        var links = await LinksAsync(scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>(), ct);
        var now = time.GetUtcNow();
        return [.. userNames.SelectMany(n => ProxyRoster.ProxiesOf(links, n, now))
            .Where(p => !userNames.Contains(p, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The proxies naming <paramref name="userName"/>, active or planned, soonest first: whom the person stands in for.</summary>
    public async Task<IReadOnlyList<ProxyView>> StandingInForAsync(string userName, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var now = time.GetUtcNow();
        var principals = (await users.Users.AsNoTracking().Where(u => u.ProxyUserName != null).ToListAsync(ct))
            .Where(u => string.Equals(u.ProxyUserName, userName, StringComparison.OrdinalIgnoreCase) && u.ProxyUntil > now)
            .OrderBy(u => u.ProxyFrom).ToList();
        var views = new List<ProxyView>(principals.Count);
        foreach (var principal in principals)
        {
            views.Add(await ViewAsync(principal, ct));
        }
        return views;
    }

    /// <summary>
    /// The person's trips (出差) from today on, soonest first, at most <paramref name="take"/>: those they recorded or that
    /// name them among the people; the profile page offers their days for a proxy.
    /// </summary>
    public async Task<IReadOnlyList<Leads.PromotionActivityView>> UpcomingTripsAsync(string userName, DateOnly today, int take = 10, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var displayName = (await users.FindByNameAsync(userName))?.DisplayName;
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Workflows.Persistence.ButlerDbContext>>().CreateDbContextAsync(ct);
        var trips = db.PromotionActivities.AsNoTracking().Where(a => a.Kind == Workflows.Onboarding.PromotionKind.Trip && a.Date >= today);
        trips = string.IsNullOrWhiteSpace(displayName)
            ? trips.Where(a => a.RecordedBy == userName || a.People.Contains(userName))
            : trips.Where(a => a.RecordedBy == userName || a.People.Contains(userName) || a.People.Contains(displayName));
        var found = await trips.OrderBy(a => a.Date).ThenBy(a => a.Id).Take(take).ToListAsync(ct);
        return [.. found.Select(Leads.PromotionActivityView.From)];
    }

    /// <summary>Every named proxy. Few people name one, and SQLite cannot compare times in SQL, so the times are checked in memory.</summary>
    private static async Task<IReadOnlyList<ProxyLink>> LinksAsync(UserManager<ButlerUser> users, CancellationToken ct) =>
        (await users.Users.AsNoTracking().Where(u => u.ProxyUserName != null)
            .Select(u => new { u.UserName, u.ProxyUserName, u.ProxyFrom, u.ProxyUntil }).ToListAsync(ct))
        .Where(u => u.UserName is not null && u.ProxyFrom is not null && u.ProxyUntil is not null)
        .Select(u => new ProxyLink(u.UserName!, u.ProxyUserName!, u.ProxyFrom!.Value, u.ProxyUntil!.Value)).ToList();

    private async Task<ProxyView> ViewAsync(ButlerUser user, CancellationToken ct)
    {
        var to = user.ProxyUserName!;
        var shown = await directory.ResolveAsync([new RecipientSpec(to, null)], ct) is [{ DisplayName: { Length: > 0 } name }, ..] ? name : to;
        var now = time.GetUtcNow();
        return new ProxyView(user.UserName!, to, shown, user.ProxyFrom!.Value, user.ProxyUntil!.Value, user.ProxyComment,
            user.ProxyFrom <= now && now < user.ProxyUntil);
    }
}
