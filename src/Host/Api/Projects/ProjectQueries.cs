using System.Globalization;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Projects;

/// <summary>Filters of the project ledger list and its export.</summary>
public sealed record ProjectFilter(Guid? LeaderId, string? Chain, string? Stage, string? Light, int? Year, string? Search);

/// <summary>A choice of a ledger filter: its value and its names in both languages.</summary>
public sealed record FilterChoice(string Value, string NameZh, string NameEn);

/// <summary>What the ledger can be filtered by: the leaders and the industry chains, by name.</summary>
public sealed record LedgerFilterChoices(IReadOnlyList<FilterChoice> Leaders, IReadOnlyList<FilterChoice> Chains);

/// <summary>
/// A project's pipeline run for its diagram: the definition version the run is on, the activities its journal shows
/// completed and those a bookmark or an open task waits on, and who started it (who may withdraw it).
/// </summary>
public sealed record PipelineRun(Guid InstanceId, WorkflowDefinitionModel Definition, WorkflowStatus Status,
    IReadOnlyList<string> Completed, IReadOnlyList<string> WaitingOn, string? StartedBy = null);

/// <summary>Either the project (<see cref="Detail"/>), or why not: there is none, or the caller may not see it.</summary>
public sealed record ProjectLookup(ProjectDetail? Detail, bool NotFound, bool Forbidden);

/// <summary>
/// The project ledger's reads, shared by <c>/api/projects</c> (list, export, detail) and the web pages, so both see
/// the same projects with the same lights. Leaders and admins see every project, a squad member their squads'.
/// </summary>
public sealed class ProjectQueries(IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel readModel, TimeProvider time)
{
    public static bool SeesAll(Actor actor) => actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Leader);

    public static List<Guid> TeamsOf(Actor actor) =>
        [.. actor.Roles.Where(r => r.StartsWith(Team.RolePrefix, StringComparison.Ordinal))
            .Select(r => Guid.TryParse(r.AsSpan(Team.RolePrefix.Length), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    public static bool OnProject(Actor actor, Project project) => SeesAll(actor) || TeamsOf(actor).Contains(project.SquadId);
    /// <summary>Projects matching the filter that the caller may see, newest contract first; errors name a bad filter value.</summary>
    public async Task<(List<ProjectSummary>? Items, Dictionary<string, string[]> Errors)> ListAsync(Actor actor, ProjectFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await QueryAsync(db, readModel, actor, filter, ct);
    }

    /// <summary>The leaders and chains the ledger's filters offer.</summary>
    public async Task<LedgerFilterChoices> FilterChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leaders = await db.Leaders.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        var chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        return new LedgerFilterChoices([.. leaders.Select(l => new FilterChoice(l.Id.ToString("D"), l.Name, l.Name))],
            [.. chains.Select(c => new FilterChoice(c.Code, c.NameZh, c.NameEn))]);
    }

    /// <summary>The run's definition and progress; null when the run or its definition version is gone. Checks no access.</summary>
    public async Task<PipelineRun?> PipelineAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null)
        {
            return null;
        }
        var version = await db.DefinitionVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.DefinitionId == instance.DefinitionId && v.Version == instance.Version, ct);
        if (version is null || DefinitionJson.TryParse(version.Json, out _) is not { } definition)
        {
            return null;
        }
        var completed = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Kind == JournalKind.ActivityCompleted && j.ActivityId != null)
            .Select(j => j.ActivityId!).Distinct().ToListAsync(ct);
        var bookmarked = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).Select(b => b.ActivityId).ToListAsync(ct);
        var tasks = await db.WorkItems.AsNoTracking().Where(w => w.InstanceId == instanceId && w.Status == WorkItemStatus.Open)
            .Select(w => w.ActivityId).ToListAsync(ct);
        return new PipelineRun(instanceId, definition, instance.Status, completed, [.. bookmarked.Concat(tasks).Distinct()], instance.CreatedBy);
    }

    /// <summary>The runs serving a project, oldest first, each named by its definition in the reader's language. Checks no access.</summary>
    public async Task<IReadOnlyList<ProjectRun>> RunsAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var correlation = ProjectService.Correlation(projectId);
        var runs = await db.Instances.AsNoTracking().Where(i => i.CorrelationId == correlation)
            .Select(i => new { i.Id, i.DefinitionId, i.Version, i.Status, i.CreatedAt }).ToListAsync(ct);
        var definitionIds = runs.Select(r => r.DefinitionId).Distinct().ToList();
        var names = (await db.DefinitionVersions.AsNoTracking().Where(v => definitionIds.Contains(v.DefinitionId)).Select(v => new { v.DefinitionId, v.Version, v.Json }).ToListAsync(ct))
            .Where(v => runs.Any(r => r.DefinitionId == v.DefinitionId && r.Version == v.Version))
            .ToDictionary(v => (v.DefinitionId, v.Version), v => DefinitionJson.TryParse(v.Json, out _)?.Name);
        return [.. runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => new ProjectRun(r.Id,
            names.GetValueOrDefault((r.DefinitionId, r.Version)) is { } name && name.Current is { Length: > 0 } title ? title : r.DefinitionId,
            r.Status, r.CreatedAt))];
    }

    /// <summary>A project with its ledger if the caller may see it.</summary>
    public async Task<ProjectLookup> FindAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return new ProjectLookup(null, NotFound: true, Forbidden: false);
        }
        if (!OnProject(actor, project))
        {
            return new ProjectLookup(null, NotFound: false, Forbidden: true);
        }
        return new ProjectLookup(await DetailAsync(db, id, ct), NotFound: false, Forbidden: false);
    }

    /// <summary>Projects matching the filter that the caller may see, with their lights; checks the filter's values.</summary>
    private static async Task<(List<ProjectSummary>? Items, Dictionary<string, string[]> Errors)> QueryAsync(
        ButlerDbContext db, ProjectReadModel readModel, Actor actor, ProjectFilter filter, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        ProjectStage? stage = null;
        if (filter.Stage is not null)
        {
            if (WireNames.TryParse<ProjectStage>(filter.Stage, out var s))
            {
                stage = s;
            }
            else
            {
                errors.Refuse("stage", Failure.OneOf("stage", WireNames.All<ProjectStage>()));
            }
        }
        Light? light = null;
        if (filter.Light is not null)
        {
            if (WireNames.TryParse<Light>(filter.Light, out var l))
            {
                light = l;
            }
            else
            {
                errors.Refuse("light", Failure.OneOf("light", WireNames.All<Light>()));
            }
        }
        InputRules.Year(filter.Year, "year", errors);
        InputRules.Line(filter.Search, "search", errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var query = db.Projects.AsNoTracking().AsQueryable();
        if (!SeesAll(actor))
        {
            var teams = TeamsOf(actor);
            query = query.Where(p => teams.Contains(p.SquadId));
        }
        if (filter.LeaderId is { } leaderId)
        {
            query = query.Where(p => p.LeaderId == leaderId);
        }
        if (!string.IsNullOrEmpty(filter.Chain))
        {
            query = query.Where(p => p.ChainCode == filter.Chain);
        }
        if (stage is { } st)
        {
            query = query.Where(p => p.Stage == st);
        }
        if (filter.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            query = query.Where(p => p.ContractDate >= from && p.ContractDate <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(p => p.Name.Contains(term) || p.Company.Contains(term));
        }
        var projects = await query.OrderByDescending(p => p.ContractDate).ThenBy(p => p.Name).ToListAsync(ct);
        var summaries = await SummarizeAsync(db, projects, await readModel.LightsAsync(db, projects, ct), ct);
        return (light is { } wanted ? [.. summaries.Where(s => s.Light == WireNames.Wire(wanted))] : summaries, errors);
    }

    private static async Task<List<ProjectSummary>> SummarizeAsync(ButlerDbContext db, List<Project> projects,
        Dictionary<Guid, ProjectLight> lights, CancellationToken ct)
    {
        var ids = projects.Select(p => p.Id).ToList();
        var invested = (await db.InvestmentEntries.AsNoTracking().Where(e => ids.Contains(e.ProjectId)).Select(e => new { e.ProjectId, e.Amount }).ToListAsync(ct))
            .GroupBy(e => e.ProjectId).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        var problems = (await db.Problems.AsNoTracking().Where(p => ids.Contains(p.ProjectId) && p.Status == ProblemStatus.Open).Select(p => p.ProjectId).ToListAsync(ct))
            .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var leaderIds = projects.Select(p => p.LeaderId).Distinct().ToList();
        var squadIds = projects.Select(p => p.SquadId).Distinct().ToList();
        var leaders = await db.Leaders.AsNoTracking().Where(l => leaderIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var squads = await db.Teams.AsNoTracking().Where(t => squadIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name.Current, ct);
        return [.. projects.Select(p => new ProjectSummary(p.Id, p.Name, p.Company, p.ChainCode, p.PlannedInvestment, p.ContractDate,
            p.PlannedStartMonth?.ToString("yyyy-MM", CultureInfo.InvariantCulture), p.LeaderId, leaders.GetValueOrDefault(p.LeaderId, ""),
            p.SquadId, squads.GetValueOrDefault(p.SquadId, ""), WireNames.Wire(p.Stage), p.Closing is { } c ? WireNames.Wire(c) : null,
            p.StartedOn, p.ProductionOn, p.HighTech, p.ChainGapFilling, invested.GetValueOrDefault(p.Id), problems.GetValueOrDefault(p.Id),
            WireNames.Wire(lights[p.Id].Light), p.Revision))];
    }
    /// <summary>A project with its ledger, read on the caller's context; null when there is no such project. Checks no access.</summary>
    public async Task<ProjectDetail?> DetailAsync(ButlerDbContext db, Guid id, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return null;
        }
        var lights = await readModel.LightsAsync(db, [project], ct);
        var summary = (await SummarizeAsync(db, [project], lights, ct))[0];
        var light = lights[id];
        var squad = await db.Teams.AsNoTracking().Include(t => t.Members).FirstAsync(t => t.Id == project.SquadId, ct);
        var leader = await db.Leaders.AsNoTracking().FirstAsync(l => l.Id == project.LeaderId, ct);
        var problems = await db.Problems.AsNoTracking().Where(p => p.ProjectId == id).ToListAsync(ct);
        var investment = await db.InvestmentEntries.AsNoTracking().Where(e => e.ProjectId == id).ToListAsync(ct);
        var correlation = ProjectService.Correlation(id);
        var instanceIds = await db.Instances.AsNoTracking().Where(i => i.CorrelationId == correlation).Select(i => i.Id).ToListAsync(ct);
        var openTasks = await db.WorkItems.AsNoTracking().Where(w => instanceIds.Contains(w.InstanceId) && w.Status == WorkItemStatus.Open).ToListAsync(ct);
        var ledger = await db.Ledger.AsNoTracking().Where(l => l.ProjectId == id).ToListAsync(ct);
        var journal = await db.Journal.AsNoTracking()
            .Where(j => instanceIds.Contains(j.InstanceId) && (j.Kind == JournalKind.TaskCreated || j.Kind == JournalKind.TaskCompleted
                || j.Kind == JournalKind.ApprovalDecided || j.Kind == JournalKind.Escalated || j.Kind == JournalKind.ReminderSent
                || j.Kind == JournalKind.TaskExtended || j.Kind == JournalKind.TaskReassigned))
            .ToListAsync(ct);
        // A journal entry names its step by the title of the step's task or approval, in the reader's language.
        var steps = await Instances.StepTitles.LoadAsync(db, instanceIds, ct);
        var timeline = ledger.Select(l => (l.At, l.Id, Item: new TimelineItem(l.At, WireNames.Wire(l.Kind), l.Actor, l.Text.Current,
                l.DataJson is null ? null : JsonNode.Parse(l.DataJson))))
            .Concat(journal.Select(j => (j.At, j.Id, Item: new TimelineItem(j.At, WireNames.Wire(j.Kind), j.Actor ?? "",
                string.Join(" · ", new[] { steps.Of(j.InstanceId, j.ActivityId), j.Outcome is null ? null : OutcomeWords.Of(j.Outcome).Current, j.Comment }
                    .Where(s => !string.IsNullOrEmpty(s))),
                new JsonObject { ["instanceId"] = j.InstanceId.ToString("D"), ["activityId"] = j.ActivityId }, j.OnBehalfOf))))
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Select(x => x.Item).ToList();
        var now = time.GetUtcNow();
        return new ProjectDetail(summary,
            new ProjectTeamView(squad.Id, squad.Name.Current, squad.LeadUserName, [.. squad.Members.Select(m => m.UserName).Order(StringComparer.Ordinal)]),
            leader.UserName,
            [.. light.Reasons.Select(r => new LightReasonView(WireNames.Wire(r.Light), r.Code, r.Subject.Current, r.WorkingDaysLate))],
            [.. problems.OrderByDescending(p => p.RaisedAt).Select(ProjectEndpoints.View)],
            [.. investment.OrderBy(e => e.Month).Select(e => new InvestmentView(e.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), e.Amount, e.Note, e.RecordedBy, e.RecordedAt))],
            [.. openTasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).Select(t => new OpenTaskView(t.Id, t.Title.Current, t.AssigneeUser, t.AssigneeRole, t.DueAt, t.LightAt(now)))],
            timeline, project.PipelineInstanceId);
    }
}
