using Butler.Workflows.Activities;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Instances;

/// <summary>
/// What a reader calls a step of a run: the title of the step's task or approval (the newest, when it opened again), in
/// both languages; a step with neither is named by its activity id. One reading for the project timeline and the sheet.
/// </summary>
public sealed class StepTitles
{
    private readonly Dictionary<(Guid InstanceId, string ActivityId), LocalizedText> _titles;

    private StepTitles(Dictionary<(Guid, string), LocalizedText> titles) => _titles = titles;

    /// <summary>Reads the titles of every step of the given runs.</summary>
    public static async Task<StepTitles> LoadAsync(ButlerDbContext db, IReadOnlyCollection<Guid> instanceIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var titles = (await db.WorkItems.AsNoTracking().Where(w => instanceIds.Contains(w.InstanceId))
                .Select(w => new { w.InstanceId, w.ActivityId, w.Title, w.CreatedAt }).ToListAsync(ct))
            .Concat(await db.Approvals.AsNoTracking().Where(a => instanceIds.Contains(a.InstanceId))
                .Select(a => new { a.InstanceId, a.ActivityId, a.Title, a.CreatedAt }).ToListAsync(ct))
            .GroupBy(t => (t.InstanceId, t.ActivityId))
            .ToDictionary(g => g.Key, g => g.MaxBy(t => t.CreatedAt)!.Title);
        return new StepTitles(titles);
    }

    /// <summary>The step's title in the reader's language; "" for none, the activity id for a step with no task or approval.</summary>
    public string Of(Guid instanceId, string? activityId) =>
        activityId is null ? "" : _titles.TryGetValue((instanceId, activityId), out var title) ? title.Current : activityId;
}
