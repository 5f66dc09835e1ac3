using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Tasks;

/// <summary>
/// Which tasks are a person's own: assigned to them by name or to one of their roles (teams included), delegated to
/// them, or assigned by name to (or claimed by) someone they stand in for as proxy (代理人).
/// </summary>
public static class WorkItemQueries
{
    public static IQueryable<WorkItem> AssignedTo(this IQueryable<WorkItem> query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = actor.Roles.ToList();
        var name = actor.UserName;
        var represented = actor.Represents.ToList();
        return represented.Count == 0
            ? query.Where(w => w.AssigneeUser == name || (w.AssigneeRole != null && roles.Contains(w.AssigneeRole)) || w.DelegatedTo == name)
            : query.Where(w => w.AssigneeUser == name || (w.AssigneeRole != null && roles.Contains(w.AssigneeRole)) || w.DelegatedTo == name
                || (w.AssigneeUser != null && represented.Contains(w.AssigneeUser)) || (w.ClaimedBy != null && represented.Contains(w.ClaimedBy)));
    }

    /// <summary>已办: the tasks the person closed (completed, sent back or withdrew by redoing their step).</summary>
    public static IQueryable<WorkItem> ClosedBy(this IQueryable<WorkItem> query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var name = actor.UserName;
        return query.Where(w => w.CompletedBy == name && w.Status != WorkItemStatus.Open && w.Status != WorkItemStatus.Cancelled);
    }

    /// <summary>抄送我的: the tasks copied to the person.</summary>
    public static IQueryable<WorkItem> CopiedTo(this IQueryable<WorkItem> query, ButlerDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var name = actor.UserName;
        return query.Where(w => db.CarbonCopies.Any(c => c.WorkItemId == w.Id && c.Recipient == name));
    }

    /// <summary>我发起的: the open tasks of the runs the person started.</summary>
    public static IQueryable<WorkItem> OfRunsStartedBy(this IQueryable<WorkItem> query, ButlerDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var name = actor.UserName;
        return query.Where(w => db.Instances.Any(i => i.Id == w.InstanceId && i.CreatedBy == name));
    }
}

/// <summary>
/// A task as the inbox shows it; <c>Light</c> is green, yellow or red at the time of reading; <c>ClaimedBy</c> is the
/// role member who took it; <c>ClosedAt</c> and <c>Status</c> say when and how a closed one ended (已办).
/// </summary>
/// <param name="OnBehalfOf">When the task reaches the reader as someone's proxy (代理人): whose it is.</param>
public sealed record TaskRow(Guid Id, string Title, DateTimeOffset? Due, string Light, string? ClaimedBy = null,
    DateTimeOffset? ClosedAt = null, string? Status = null, string? OnBehalfOf = null);

/// <summary>The signed-in person's open tasks, read by the UI through the same filter as <c>GET /api/tasks</c>.</summary>
public sealed class MyTasks(IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<TaskRow>> OpenAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.WorkItems.AsNoTracking().Where(w => w.Status == WorkItemStatus.Open).AssignedTo(actor).ToListAsync(ct);
        var now = time.GetUtcNow();
        return items.Select(w => new TaskRow(w.Id, w.Title.Current, w.DueAt, w.LightAt(now), w.ClaimedBy, OnBehalfOf: w.RepresentedBy(actor))).ToList();
    }

    /// <summary>已办: the latest tasks the person closed, newest first.</summary>
    public async Task<IReadOnlyList<TaskRow>> ClosedAsync(Actor actor, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.WorkItems.AsNoTracking().ClosedBy(actor).OrderByDescending(w => w.CompletedAt).Take(take).ToListAsync(ct);
        var now = time.GetUtcNow();
        return items.Select(w => new TaskRow(w.Id, w.Title.Current, w.DueAt, w.LightAt(now), null, w.CompletedAt, w.Status.ToString().ToLowerInvariant())).ToList();
    }

    /// <summary>我发起的: the open tasks of the runs the person started.</summary>
    public async Task<IReadOnlyList<TaskRow>> StartedAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.WorkItems.AsNoTracking().Where(w => w.Status == WorkItemStatus.Open).OfRunsStartedBy(db, actor).ToListAsync(ct);
        var now = time.GetUtcNow();
        return items.Select(w => new TaskRow(w.Id, w.Title.Current, w.DueAt, w.LightAt(now), w.ClaimedBy)).ToList();
    }
}
