using System.Text.Json.Nodes;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Instances;

/// <summary>The instance list and one instance in full, read the same way by the API and the administration pages.</summary>
public sealed class WorkflowInstances(IDbContextFactory<ButlerDbContext> dbFactory)
{
    /// <summary>Instances newest first, optionally of one definition and in one status.</summary>
    public async Task<PagedList<InstanceSummary>> ListAsync(string? definitionId, WorkflowStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Instances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(definitionId))
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }
        if (status is { } s)
        {
            query = query.Where(i => i.Status == s);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.Version, i.Status.ToString(), i.CreatedBy, i.CreatedAt, i.FinishedAt))
            .ToListAsync(ct);
        return new PagedList<InstanceSummary>(items, total, page, pageSize);
    }

    /// <summary>The ids of the definitions that have instances, for a filter.</summary>
    public async Task<IReadOnlyList<string>> DefinitionIdsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Instances.AsNoTracking().Select(i => i.DefinitionId).Distinct().OrderBy(d => d).ToListAsync(ct);
    }

    /// <summary>An instance with its variables, bookmarks, incidents (resolved or not) and journal; null when there is none.</summary>
    public async Task<InstanceView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null)
        {
            return null;
        }
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id).OrderBy(b => b.CreatedAt)
            .Select(b => new BookmarkView(b.Id, b.ActivityId, b.Kind.ToString(), b.Name, b.WorkItemId, b.CreatedAt)).ToListAsync(ct);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
        var resolved = Incident.ResolvedBy(journal);
        var incidents = (await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).ToListAsync(ct))
            .OrderBy(i => i.At).ThenBy(i => i.Id)
            .Select(i =>
            {
                var by = resolved.GetValueOrDefault(i.Id);
                return new IncidentView(i.Id, i.ActivityId, i.Kind, i.Message, i.Expression, i.At, by is not null, by?.Actor, by?.At);
            })
            .ToList();
        return new InstanceView(instance.Id, instance.DefinitionId, instance.Version, instance.Status.ToString(),
            JsonNode.Parse(instance.VariablesJson), JsonNode.Parse(instance.InputJson), instance.CreatedBy,
            instance.CreatedAt, instance.UpdatedAt, instance.FinishedAt, bookmarks, incidents,
            [.. journal.Select(j => new JournalView(j.Sequence, j.At, j.Kind.ToString(), j.ActivityId, j.ActivityType, j.Actor, j.Outcome, j.Comment, j.Detail, j.OnBehalfOf))]);
    }
}
