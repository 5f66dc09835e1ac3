using Butler.Host.Api.Projects;
using Butler.Host.Identity;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Instances;

/// <summary>
/// Who may read a run — its detail (<c>GET /api/workflow-instances/{id}</c>) and its sheet (审批单) alike: leaders and
/// administrators every run; anyone else a run they hold or held a task in (as themselves or through a role), or the
/// run of a project their squad serves, as the project page shows it to them.
/// </summary>
public static class RunAccess
{
    /// <summary>Whether <paramref name="actor"/> may read the run; the caller has checked it exists.</summary>
    public static async Task<bool> MayReadAsync(ButlerDbContext db, Actor actor, WorkflowInstance run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(run);
        if (actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Leader))
        {
            return true;
        }
        var roles = actor.Roles.ToList();
        if (await db.WorkItems.AnyAsync(w => w.InstanceId == run.Id
            && (w.AssigneeUser == actor.UserName || (w.AssigneeRole != null && roles.Contains(w.AssigneeRole))), ct))
        {
            return true;
        }
        var teams = ProjectQueries.TeamsOf(actor);
        return teams.Count > 0 && ProjectOf(run) is { } projectId
            && await db.Projects.AnyAsync(p => p.Id == projectId && teams.Contains(p.SquadId), ct);
    }

    /// <summary>The project a run serves, from its correlation (<see cref="ProjectService.Correlation"/>); null for another run.</summary>
    public static Guid? ProjectOf(WorkflowInstance run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var prefix = ProjectService.Correlation(Guid.Empty)[..^Guid.Empty.ToString("D").Length];
        return run.CorrelationId is { } correlation && correlation.StartsWith(prefix, StringComparison.Ordinal)
            && Guid.TryParse(correlation.AsSpan(prefix.Length), out var id) ? id : null;
    }
}
