using Butler.Host.Identity;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Dispatches;

/// <summary>One stored agenda with its leader, as the dashboard shows it.</summary>
public sealed record DispatchAgendaView(Guid Id, DispatchLeaderView Leader, DateOnly WeekOf, DateTimeOffset CreatedAt, DispatchAgenda Agenda);

/// <summary>
/// Which weekly dispatch agendas a caller sees — an Admin all, a Leader their own — shared by <c>GET /api/dispatches</c>
/// and the dashboard.
/// </summary>
public sealed class DispatchQueries(IDbContextFactory<ButlerDbContext> dbFactory)
{
    /// <summary>The leader records that are the caller's own (a leader's user account may head more than one).</summary>
    public static async Task<List<Guid>> MyLeaderIdsAsync(ButlerDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var name = actor.UserName;
        return await db.Leaders.AsNoTracking().Where(l => l.UserName == name).Select(l => l.Id).ToListAsync(ct);
    }

    /// <summary>The agendas the caller may read: all for an Admin, else those of the caller's own leader records.</summary>
    public static async Task<IQueryable<Dispatch>> VisibleAsync(ButlerDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var query = db.Dispatches.AsNoTracking();
        if (actor.IsInRole(Roles.Admin))
        {
            return query;
        }
        var mine = await MyLeaderIdsAsync(db, actor, ct);
        return query.Where(d => mine.Contains(d.LeaderId));
    }

    /// <summary>The agendas of the latest week that ran (that the caller sees), by leader name.</summary>
    public async Task<IReadOnlyList<DispatchAgendaView>> LatestWeekAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await VisibleAsync(db, actor, ct);
        var latest = await visible.OrderByDescending(d => d.WeekOf).Select(d => (DateOnly?)d.WeekOf).FirstOrDefaultAsync(ct);
        if (latest is not { } week)
        {
            return [];
        }
        var found = await (from d in visible.Where(d => d.WeekOf == week)
                           join l in db.Leaders.AsNoTracking() on d.LeaderId equals l.Id
                           orderby l.Name, d.Id
                           select new { Dispatch = d, Leader = l }).ToListAsync(ct);
        return [.. found.Select(x => new DispatchAgendaView(x.Dispatch.Id, new DispatchLeaderView(x.Leader.Id, x.Leader.UserName, x.Leader.Name),
            x.Dispatch.WeekOf, x.Dispatch.CreatedAt, DispatchAgenda.FromJson(x.Dispatch.AgendaJson)
                ?? throw new InvalidOperationException($"The agenda of dispatch {x.Dispatch.Id} cannot be read.")))];
    }
}
