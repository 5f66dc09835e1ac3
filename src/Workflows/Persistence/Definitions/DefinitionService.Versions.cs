using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Definitions;

/// <summary>One version of a definition as its history lists it, with how many instances run on it.</summary>
public sealed record DefinitionVersionInfo(
    int Version, Butler.Workflows.Activities.LocalizedText Name, bool IsPublished,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string? PublishedBy,
    int RunningInstances, int TotalInstances);

/// <summary>An imported definition: the version it was stored as, and whether the import created the definition.</summary>
public sealed record ImportedDefinition(WorkflowDefinitionVersion Version, bool Created);

/// <summary>Version management: history, discarding a draft, reverting, comparing, export and import.</summary>
public sealed partial class DefinitionService
{
    /// <summary>Every version newest first with its instance counts, or null when there is no such definition.</summary>
    public async Task<IReadOnlyList<DefinitionVersionInfo>?> VersionsAsync(string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == id)
            .Select(v => new { v.Version, v.Name, v.IsPublished, v.CreatedAt, v.CreatedBy, v.UpdatedAt, v.PublishedAt, v.PublishedBy })
            .ToListAsync(ct);
        if (versions.Count == 0)
        {
            return null;
        }
        var counts = await db.Instances.AsNoTracking().Where(i => i.DefinitionId == id)
            .GroupBy(i => i.Version)
            .Select(g => new { Version = g.Key, Total = g.Count(), Running = g.Count(i => i.Status == WorkflowStatus.Running) })
            .ToDictionaryAsync(c => c.Version, ct);
        return versions.OrderByDescending(v => v.Version).Select(v =>
        {
            var count = counts.GetValueOrDefault(v.Version);
            return new DefinitionVersionInfo(v.Version, v.Name, v.IsPublished, v.CreatedAt, v.CreatedBy, v.UpdatedAt, v.PublishedAt, v.PublishedBy,
                count?.Running ?? 0, count?.Total ?? 0);
        }).ToList();
    }

    /// <summary>Discards the draft (the newest version when unpublished); discarding draft version 1 removes the definition.</summary>
    public async Task<OperationResult<WorkflowDefinitionVersion>> DeleteDraftAsync(string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.DefinitionVersions.Where(v => v.DefinitionId == id).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return OperationResult<WorkflowDefinitionVersion>.NotFound(Failure.DefinitionNotFound(id));
        }
        if (latest.IsPublished)
        {
            return OperationResult<WorkflowDefinitionVersion>.Conflict(Failure.DefinitionNoDraft(id, latest.Version));
        }
        db.DefinitionVersions.Remove(latest);
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

    /// <summary>Saves a draft whose content is that of an earlier version, exactly as saving that content by hand would.</summary>
    public async Task<OperationResult<WorkflowDefinitionVersion>> RevertAsync(string id, int? version, string? by, CancellationToken ct = default)
    {
        if (await GetAsync(id, null, ct) is null)
        {
            return OperationResult<WorkflowDefinitionVersion>.NotFound(Failure.DefinitionNotFound(id));
        }
        if (version is not { } n)
        {
            return OperationResult<WorkflowDefinitionVersion>.Invalid("version", Failure.VersionRequired("version"));
        }
        if (await GetAsync(id, n, ct) is not { } source)
        {
            return OperationResult<WorkflowDefinitionVersion>.Invalid("version", Failure.NoVersion(id, n));
        }
        return await SaveDraftAsync(id, source.Json, by, ct);
    }

    /// <summary>The differences from one stored version to another; null when either version does not exist.</summary>
    public async Task<DefinitionDiff?> DiffAsync(string id, int from, int to, CancellationToken ct = default)
    {
        var before = await GetAsync(id, from, ct);
        var after = await GetAsync(id, to, ct);
        if (before is null || after is null)
        {
            return null;
        }
        return DefinitionDiff.Compare(ParseStored(before), ParseStored(after));
    }

    /// <summary>
    /// A version as a portable file: only the definition (id, name, description, variables, activities, connections),
    /// without its version number or publish state, so importing it elsewhere makes a fresh draft there.
    /// </summary>
    public static string Export(WorkflowDefinitionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var node = JsonSerializer.SerializeToNode(ParseStored(version), DefinitionJson.Options)!.AsObject();
        node.Remove("version");
        return node.ToJsonString(new JsonSerializerOptions(DefinitionJson.Options) { WriteIndented = true });
    }

    /// <summary>Creates the definition when its id is new, else saves the file as its next draft; validated like both.</summary>
    public async Task<OperationResult<ImportedDefinition>> ImportAsync(string json, string? by, CancellationToken ct = default)
    {
        var problems = validator.Validate(json, out var model);
        if (problems.Count > 0)
        {
            return OperationResult<ImportedDefinition>.Invalid(ToErrors(problems));
        }
        var created = true;
        var result = await CreateAsync(json, by, ct);
        if (result.Status == OperationStatus.Conflict)
        {
            // The id is taken (perhaps just now by someone else): the file becomes the next draft instead.
            created = false;
            result = await SaveDraftAsync(model!.Id, json, by, ct);
        }
        return result.IsOk
            ? OperationResult<ImportedDefinition>.Ok(new ImportedDefinition(result.Value!, created))
            : result.As<ImportedDefinition>();
    }

    private static WorkflowDefinitionModel ParseStored(WorkflowDefinitionVersion v) =>
        DefinitionJson.TryParse(v.Json, out _) ?? new WorkflowDefinitionModel { Id = v.DefinitionId, Version = v.Version, Name = v.Name, Description = v.Description };
}
