using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Tasks;

/// <summary>Which tasks are a person's own: assigned to them by name or to one of their roles (teams included), or delegated to them.</summary>
public static class WorkItemQueries
{
    public static IQueryable<WorkItem> AssignedTo(this IQueryable<WorkItem> query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = actor.Roles.ToList();
        var name = actor.UserName;
        return query.Where(w => w.AssigneeUser == name || (w.AssigneeRole != null && roles.Contains(w.AssigneeRole)) || w.DelegatedTo == name);
    }
}

/// <summary>An open task as the inbox shows it; <c>Light</c> is green, yellow or red at the time of reading; <c>ClaimedBy</c> is the role member who took it.</summary>
public sealed record TaskRow(Guid Id, string Title, DateTimeOffset? Due, string Light, string? ClaimedBy = null);

/// <summary>The signed-in person's open tasks, read by the UI through the same filter as <c>GET /api/tasks</c>.</summary>
public sealed class MyTasks(IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<TaskRow>> OpenAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.WorkItems.AsNoTracking().Where(w => w.Status == WorkItemStatus.Open).AssignedTo(actor).ToListAsync(ct);
        var now = time.GetUtcNow();
        return items.Select(w => new TaskRow(w.Id, w.Title.Current, w.DueAt, w.LightAt(now), w.ClaimedBy)).ToList();
    }
}
