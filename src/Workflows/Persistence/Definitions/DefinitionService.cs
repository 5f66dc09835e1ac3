using System.Collections.Concurrent;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Definitions;


/// <summary>Drafts, publishes and reads definitions; published versions are immutable and cached.</summary>
public sealed partial class DefinitionService(
    IDbContextFactory<ButlerDbContext> dbFactory,
    DefinitionValidator validator,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<(string, int), WorkflowGraph> _published = new();

    public IReadOnlyList<DefinitionProblem> Validate(string json) => validator.Validate(json, out _);

    public async Task<OperationResult<WorkflowDefinitionVersion>> CreateAsync(string json, string? by, CancellationToken ct = default)
    {
        var problems = validator.Validate(json, out var model);
        if (problems.Count > 0)
        {
            return OperationResult<WorkflowDefinitionVersion>.Invalid(ToErrors(problems));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DefinitionVersions.AnyAsync(v => v.DefinitionId == model!.Id, ct))
        {
            return OperationResult<WorkflowDefinitionVersion>.Conflict(Failure.DefinitionExistsUsePut(model!.Id));
        }
        var draft = WorkflowDefinitionVersion.NewDraft(model!, 1, by, time.GetUtcNow());
        db.DefinitionVersions.Add(draft);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return OperationResult<WorkflowDefinitionVersion>.Conflict(Failure.DefinitionExists(model!.Id));
        }
        return OperationResult<WorkflowDefinitionVersion>.Ok(draft);
    }

    /// <summary>
    /// Saves the draft: overwrites the newest version if it is a draft, else makes the next version. A draft may be
    /// unfinished — it is saved with the validator's problems (the caller lists them) as long as it parses and its id is
    /// right; publishing is what demands none (ADR 013).
    /// </summary>
    public Task<OperationResult<WorkflowDefinitionVersion>> SaveDraftAsync(string id, string json, string? by, CancellationToken ct = default) =>
        SaveDraftAsync(id, json, by, null, ct);

    /// <summary>Saves the draft as above, unless someone else saved or published since the editor started.</summary>
    /// <param name="expected">
    /// The version and revision the editor started from; when the newest stored version is no longer that one (another
    /// administrator saved or published meanwhile), nothing is saved and the answer is a conflict. Null: last write wins.
    /// </param>
    public async Task<OperationResult<WorkflowDefinitionVersion>> SaveDraftAsync(
        string id, string json, string? by, (int Version, int Revision)? expected, CancellationToken ct = default)
    {
        var problems = validator.Validate(json, out var model).Where(p => model is null || IsStructural(p)).ToList();
        if (model is not null && !string.IsNullOrEmpty(model.Id) && model.Id != id)
        {
            problems.Add(new("$.id", $"The id in the body ('{model.Id}') differs from the id in the address ('{id}').",
                $"请求正文中的 id（'{model.Id}'）与地址中的 id（'{id}'）不一致。"));
        }
        else if (model is not null && string.IsNullOrEmpty(model.Id))
        {
            model.Id = id;
            problems.RemoveAll(p => p.Path == "$.id");
        }
        if (problems.Count > 0)
        {
            return OperationResult<WorkflowDefinitionVersion>.Invalid(ToErrors(problems));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.DefinitionVersions.Where(v => v.DefinitionId == id).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return OperationResult<WorkflowDefinitionVersion>.NotFound(Failure.DefinitionNotFound(id));
        }
        if (expected is { } started && (latest.Version, latest.Revision) != started)
        {
            return OperationResult<WorkflowDefinitionVersion>.Conflict(Failure.DefinitionChangedSince(id, latest.Version, latest.IsPublished));
        }
        var now = time.GetUtcNow();
        WorkflowDefinitionVersion draft;
        if (latest.IsPublished)
        {
            draft = WorkflowDefinitionVersion.NewDraft(model!, latest.Version + 1, by, now);
            db.DefinitionVersions.Add(draft);
        }
        else
        {
            draft = latest;
            draft.ReplaceDraft(model!, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return OperationResult<WorkflowDefinitionVersion>.Conflict(Failure.DefinitionConcurrentSave(id));
        }
        return OperationResult<WorkflowDefinitionVersion>.Ok(draft);
    }

    public async Task<OperationResult<WorkflowDefinitionVersion>> PublishAsync(string id, string? by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.DefinitionVersions.Where(v => v.DefinitionId == id).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return OperationResult<WorkflowDefinitionVersion>.NotFound(Failure.DefinitionNotFound(id));
        }
        if (latest.IsPublished)
        {
            return OperationResult<WorkflowDefinitionVersion>.Conflict(Failure.DefinitionAlreadyPublished(id, latest.Version));
        }
        var problems = validator.Validate(latest.Json, out _);
        if (problems.Count > 0)
        {
            return OperationResult<WorkflowDefinitionVersion>.Invalid(ToErrors(problems));
        }
        latest.Publish(by, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return OperationResult<WorkflowDefinitionVersion>.Conflict(Failure.DefinitionConcurrentChange(id));
        }
        return OperationResult<WorkflowDefinitionVersion>.Ok(latest);
    }

    public async Task<WorkflowDefinitionVersion?> GetAsync(string id, int? version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == id);
        return version is { } n
            ? await query.FirstOrDefaultAsync(v => v.Version == n, ct)
            : await query.OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<(IReadOnlyList<DefinitionSummary> Items, int Total)> ListAsync(string? search, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A name is stored in both languages (one column, ADR 024), so the search runs here, over ids and names only:
        // a district has tens of definitions, not thousands.
        var names = await db.DefinitionVersions.AsNoTracking().Select(v => new { v.DefinitionId, v.Name }).ToListAsync(ct);
        var s = search?.Trim();
        var matching = names
            .Where(v => string.IsNullOrEmpty(s) || v.DefinitionId.Contains(s, StringComparison.OrdinalIgnoreCase)
                || v.Name.En.Contains(s, StringComparison.OrdinalIgnoreCase) || v.Name.ZhCn.Contains(s, StringComparison.OrdinalIgnoreCase))
            .Select(v => v.DefinitionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var total = matching.Count;
        var page = matching.Skip(skip).Take(take).ToList();
        var versions = await db.DefinitionVersions.AsNoTracking()
            .Where(v => page.Contains(v.DefinitionId))
            .Select(v => new { v.DefinitionId, v.Version, v.Name, v.Description, v.IsPublished, v.UpdatedAt })
            .ToListAsync(ct);
        var items = versions.GroupBy(v => v.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.MaxBy(v => v.Version)!;
            var published = g.Where(v => v.IsPublished).Select(v => (int?)v.Version).Max();
            return new DefinitionSummary(g.Key, latest.Name, latest.Description, latest.Version, published, !latest.IsPublished, latest.UpdatedAt);
        }).ToList();
        return (items, total);
    }

    /// <summary>The newest published version number of a definition, or null.</summary>
    public static Task<int?> LatestPublishedVersionAsync(ButlerDbContext db, string id, CancellationToken ct) =>
        db.DefinitionVersions.Where(v => v.DefinitionId == id && v.IsPublished).MaxAsync(v => (int?)v.Version, ct);

    /// <summary>The graph of a published version; published versions never change, so they are cached.</summary>
    public async Task<WorkflowGraph?> GetPublishedGraphAsync(ButlerDbContext db, string id, int version, CancellationToken ct)
    {
        if (_published.TryGetValue((id, version), out var graph))
        {
            return graph;
        }
        var json = await db.DefinitionVersions.AsNoTracking()
            .Where(v => v.DefinitionId == id && v.Version == version && v.IsPublished)
            .Select(v => v.Json).FirstOrDefaultAsync(ct);
        var model = json is null ? null : DefinitionJson.TryParse(json, out _);
        if (model is null)
        {
            return null;
        }
        graph = new WorkflowGraph(model);
        _published.TryAdd((id, version), graph);
        return graph;
    }

    /// <summary>Problems a draft cannot be stored with: it must be a definition with a usable id, a name and a description that fit their columns.</summary>
    private static bool IsStructural(DefinitionProblem problem) => problem.Path is "$" or "$.id" or "$.name" or "$.description";

    public static Dictionary<string, string[]> ToErrors(IEnumerable<DefinitionProblem> problems) =>
        problems.GroupBy(p => p.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
}
