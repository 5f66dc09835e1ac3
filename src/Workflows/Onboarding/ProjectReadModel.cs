using Butler.Workflows.Calendar;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Onboarding;

/// <summary>What a task's page shows of the project its run belongs to: name, company, stage, responsible leader, squad.</summary>
public sealed record ProjectContext(Guid Id, string Name, string Company, ProjectStage Stage, string LeaderName, string LeaderUserName,
    Guid SquadId, Butler.Workflows.Activities.LocalizedText SquadName);

/// <summary>A project's light with the reasons for it.</summary>
public sealed record ProjectLight(Light Light, IReadOnlyList<LightReason> Reasons);

/// <summary>
/// Reads what the ledger, the lights and the dispatch agendas need about projects: their open steps (tasks and
/// approvals of the runs correlated with them, open problems) and lights computed from those at read time.
/// </summary>
public sealed class ProjectReadModel(CalendarService calendars, Microsoft.Extensions.Options.IOptions<RunnerOptions> runner,
    Microsoft.Extensions.Options.IOptions<OnboardingOptions> options, TimeProvider time)
{
    /// <summary>Open tasks and approvals with a due time, and open problems, per project.</summary>
    public static async Task<Dictionary<Guid, List<OpenStep>>> OpenStepsAsync(ButlerDbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken ct)
    {
        var result = projectIds.Distinct().ToDictionary(id => id, _ => new List<OpenStep>());
        if (result.Count == 0)
        {
            return result;
        }
        var keys = result.Keys.Select(ProjectService.Correlation).ToList();
        var tasks = await (from w in db.WorkItems.AsNoTracking()
                           join i in db.Instances.AsNoTracking() on w.InstanceId equals i.Id
                           where w.Status == WorkItemStatus.Open && w.DueAt != null && keys.Contains(i.CorrelationId!)
                           select new { i.CorrelationId, w.Id, w.Title, w.DueAt }).ToListAsync(ct);
        var approvals = await (from a in db.Approvals.AsNoTracking()
                               join i in db.Instances.AsNoTracking() on a.InstanceId equals i.Id
                               where a.Status == ApprovalStatus.Pending && a.DueAt != null && keys.Contains(i.CorrelationId!)
                               select new { i.CorrelationId, a.Id, a.Title, a.DueAt }).ToListAsync(ct);
        var ids = result.Keys.ToList();
        var problems = await db.Problems.AsNoTracking().Where(p => p.Status == ProblemStatus.Open && ids.Contains(p.ProjectId))
            .Select(p => new { p.ProjectId, p.Id, p.Title, p.DueAt }).ToListAsync(ct);
        foreach (var t in tasks)
        {
            result[ProjectIdOf(t.CorrelationId!)].Add(new OpenStep("task", t.Id, t.Title, t.DueAt!.Value));
        }
        foreach (var a in approvals)
        {
            result[ProjectIdOf(a.CorrelationId!)].Add(new OpenStep("approval", a.Id, a.Title, a.DueAt!.Value));
        }
        foreach (var p in problems)
        {
            result[p.ProjectId].Add(new OpenStep("problem", p.Id, p.Title, p.DueAt));
        }
        return result;
    }

    /// <summary>The lights of the given projects, now.</summary>
    public async Task<Dictionary<Guid, ProjectLight>> LightsAsync(ButlerDbContext db, IReadOnlyCollection<Project> projects, CancellationToken ct)
    {
        var steps = await OpenStepsAsync(db, projects.Select(p => p.Id).ToList(), ct);
        var calendar = await CalendarAsync(ct);
        var now = time.GetUtcNow();
        return projects.ToDictionary(p => p.Id, p =>
        {
            var (light, reasons) = ProjectLights.Compute(p, steps[p.Id], now, calendar, options.Value.Lights);
            return new ProjectLight(light, reasons);
        });
    }

    /// <summary>The deployment's working calendar (weekends only when it is missing).</summary>
    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct) =>
        await calendars.GetAsync(runner.Value.CalendarId, ct)
        ?? new WorkingCalendar("weekends", "Weekends only", [], [], calendars.TimeZone, new TimeOnly(18, 0));

    /// <summary>The project a run belongs to, from its correlation id <c>project:{id}</c>; null for runs of no project.</summary>
    public static async Task<ProjectContext?> ContextAsync(ButlerDbContext db, string? correlationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ProjectService.ProjectIdOf(correlationId) is not { } id)
        {
            return null;
        }
        return await (from p in db.Projects.AsNoTracking()
                      join l in db.Leaders.AsNoTracking() on p.LeaderId equals l.Id
                      join t in db.Teams.AsNoTracking() on p.SquadId equals t.Id
                      where p.Id == id
                      select new ProjectContext(p.Id, p.Name, p.Company, p.Stage, l.Name, l.UserName, t.Id, t.Name)).FirstOrDefaultAsync(ct);
    }

    private static Guid ProjectIdOf(string correlation) => ProjectService.ProjectIdOf(correlation)!.Value;
}
