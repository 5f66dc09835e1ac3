using Butler.Workflows.Runtime.Alterations;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Runtime;

public sealed partial class WorkflowRunner
{
    /// <summary>
    /// Alters a running or faulted instance (schedule or cancel activities, set variables, move to another published
    /// version) in one transaction; every alteration is journalled with <paramref name="actor"/> and the required
    /// <paramref name="reason"/>. Nothing changes when one of them cannot be applied (Invalid, naming it).
    /// </summary>
    public Task<OperationResult<Guid>> AlterAsync(Guid instanceId, IReadOnlyList<Alteration> alterations, string reason, Actor actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(alterations);
        return WithRetry<Guid>(async db =>
        {
            var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);
            if (instance is null)
            {
                return OperationResult<Guid>.NotFound(Failure.InstanceNotFound(instanceId));
            }
            var graph = await definitions.GetPublishedGraphAsync(db, instance.DefinitionId, instance.Version, ct)
                ?? throw new InvalidOperationException($"Version {instance.Version} of '{instance.DefinitionId}' is missing.");
            var versions = new Dictionary<int, WorkflowGraph?>();
            foreach (var move in alterations.OfType<MoveToVersion>())
            {
                if (!versions.ContainsKey(move.Version))
                {
                    versions[move.Version] = await definitions.GetPublishedGraphAsync(db, instance.DefinitionId, move.Version, ct);
                }
            }
            var bookmarks = await db.Bookmarks.Where(b => b.InstanceId == instanceId).ToListAsync(ct);
            var interpreter = await InterpreterAsync(instance, graph, ct);
            var altered = interpreter.Alter(instance, graph, bookmarks, alterations, reason, v => versions.GetValueOrDefault(v), actor, time.GetUtcNow());
            if (!altered.IsOk)
            {
                return altered.As<Guid>();
            }
            await committer.CommitAsync(db, altered.Value!, null, "alter", ct);
            return OperationResult<Guid>.Ok(instance.Id);
        }, ct);
    }
}
