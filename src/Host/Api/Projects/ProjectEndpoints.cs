using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Projects;

/// <summary>Filters of the project ledger list and its export.</summary>
public sealed record ProjectFilter(Guid? LeaderId, string? Chain, string? Stage, string? Light, int? Year, string? Search);

public static class ProjectEndpoints
{
    /// <summary>
    /// Leaders and admins see and change every project; a squad member sees the projects of their squads, raises and
    /// resolves problems and records investment there. Creating a project and closing one is for leaders and admins.
    /// </summary>
    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization(Leads.LeadEndpoints.Staff);
        group.MapGet("/", List)
            .WithSummary("The project ledger, paged; filter by leaderId, chain, stage, light, year (of the contract) and search. Leaders and admins see all projects, squad members their squads' projects.");
        group.MapPost("/", Create)
            .WithSummary("Creates a project and starts its butler pipeline. Leader or Admin. Honours an Idempotency-Key header.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("A project with its team, problems, investment entries, open tasks, light and ledger timeline. Leaders, admins and members of its squad.");
        group.MapPut("/{id:guid}", Update)
            .WithSummary("Changes a project (fields left out stay); a stage change is written in the ledger; production ends the pipeline. Leaders, admins and members of its squad; closing (fulfilled, terminated) is for leaders and admins.");
        group.MapPost("/{id:guid}/problems", RaiseProblem)
            .WithSummary("Raises a problem (land, environmental, financing, power, other) with an owner and an agreed date; overdue, it escalates to the responsible leader. Leaders, admins and members of its squad.");
        group.MapPost("/{id:guid}/problems/{problemId:guid}/resolve", ResolveProblem)
            .WithSummary("Resolves a problem with a resolution. Leaders, admins, members of its squad and the problem's owner.");
        group.MapPost("/{id:guid}/investment", RecordInvestment)
            .WithSummary("Records the investment completed in a month (yyyy-MM); recording a month again replaces it. Leaders, admins and members of its squad.");
        group.MapGet("/export", Export)
            .WithSummary("The ledger as xlsx or csv (format=xlsx|csv), with the list's filters and headers in the caller's language (lang or Accept-Language). Same visibility as the list.");
        return app;
    }

    internal static bool SeesAll(Actor actor) => actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Leader);

    internal static List<Guid> TeamsOf(Actor actor) =>
        [.. actor.Roles.Where(r => r.StartsWith(Team.RolePrefix, StringComparison.Ordinal))
            .Select(r => Guid.TryParse(r.AsSpan(Team.RolePrefix.Length), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    private static bool OnProject(Actor actor, Project project) => SeesAll(actor) || TeamsOf(actor).Contains(project.SquadId);

    /// <summary>Projects matching the filter that the caller may see, with their lights; checks the filter's values.</summary>
    internal static async Task<(List<ProjectSummary>? Items, Dictionary<string, string[]> Errors)> QueryAsync(
        ButlerDbContext db, ProjectReadModel readModel, Actor actor, ProjectFilter filter, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ProjectStage? stage = null;
        if (filter.Stage is not null)
        {
            if (WireNames.TryParse<ProjectStage>(filter.Stage, out var s))
            {
                stage = s;
            }
            else
            {
                errors["stage"] = ["stage is signed, permits, site, construction or production."];
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
                errors["light"] = ["light is red, yellow or green."];
            }
        }
        if (filter.Year is { } y && (y < 2000 || y > 2100))
        {
            errors["year"] = ["year is between 2000 and 2100."];
        }
        if (filter.Search is { Length: > 200 })
        {
            errors["search"] = ["search has at most 200 characters."];
        }
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
        var squads = await db.Teams.AsNoTracking().Where(t => squadIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return [.. projects.Select(p => new ProjectSummary(p.Id, p.Name, p.Company, p.ChainCode, p.PlannedInvestment, p.ContractDate,
            p.PlannedStartMonth?.ToString("yyyy-MM", CultureInfo.InvariantCulture), p.LeaderId, leaders.GetValueOrDefault(p.LeaderId, ""),
            p.SquadId, squads.GetValueOrDefault(p.SquadId, ""), WireNames.Wire(p.Stage), p.Closing is { } c ? WireNames.Wire(c) : null,
            p.StartedOn, p.ProductionOn, p.HighTech, p.ChainGapFilling, invested.GetValueOrDefault(p.Id), problems.GetValueOrDefault(p.Id),
            WireNames.Wire(lights[p.Id].Light), p.Revision))];
    }

    private static async Task<Results<Ok<PagedList<ProjectSummary>>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel readModel, ClaimsPrincipal user,
        Guid? leaderId, string? chain, string? stage, string? light, int? year, string? search,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var paging = Paging.Check(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (items, errors) = await QueryAsync(db, readModel, user.ToActor(), new ProjectFilter(leaderId, chain, stage, light, year, search), ct);
        foreach (var (key, value) in paging ?? [])
        {
            errors[key] = value;
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(new PagedList<ProjectSummary>([.. items!.Skip((page - 1) * pageSize).Take(pageSize)], items!.Count, page, pageSize));
    }

    private static async Task<Results<Created<ProjectDetail>, ValidationProblem, ProblemHttpResult>> Create(
        CreateProjectRequest request, ProjectService projects, IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel readModel,
        TimeProvider time, ClaimsPrincipal user, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        var actor = user.ToActor();
        if (!SeesAll(actor))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Only leaders and administrators create projects.");
        }
        var result = await projects.CreateAsync(new ProjectInput(request.Name, request.Company, request.Chain, request.PlannedInvestment,
            request.ContractDate, request.LeaderId, request.SquadId, request.PlannedStartMonth, request.HighTech ?? false, request.ChainGapFilling ?? false),
            actor, idempotencyKey, ct: ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Created<ProjectDetail>, Guid>(result);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var detail = await DetailAsync(db, readModel, time, result.Value, ct);
        return TypedResults.Created($"/api/projects/{result.Value}", detail!);
    }

    private static async Task<Results<Ok<ProjectDetail>, ProblemHttpResult>> Get(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel readModel, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseAsync(db, id, user.ToActor(), ct) is { } refused)
        {
            return refused;
        }
        return TypedResults.Ok((await DetailAsync(db, readModel, time, id, ct))!);
    }

    private static async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProjectUpdate request, ProjectService projects, IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel readModel,
        TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseAsync(db, id, actor, ct) is { } refused)
        {
            return refused;
        }
        if (request.Closing is not null && !SeesAll(actor))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Only leaders and administrators close a project (closing).");
        }
        var result = await projects.UpdateAsync(id, request, actor, ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Ok<ProjectDetail>, Project>(result);
        }
        return TypedResults.Ok((await DetailAsync(db, readModel, time, id, ct))!);
    }

    private static async Task<Results<Created<ProblemView>, ValidationProblem, ProblemHttpResult>> RaiseProblem(
        Guid id, RaiseProblemRequest request, ProjectService projects, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        var actor = user.ToActor();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseAsync(db, id, actor, ct) is { } refused)
        {
            return refused;
        }
        var result = await projects.RaiseProblemAsync(id, new ProblemInput(request.Kind, request.Title, request.Description, request.Owner, request.DueAt),
            actor, idempotencyKey, ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Created<ProblemView>, Guid>(result);
        }
        var problem = await db.Problems.AsNoTracking().FirstAsync(p => p.Id == result.Value, ct);
        return TypedResults.Created($"/api/projects/{id}", View(problem));
    }

    private static async Task<Results<Ok<ProblemView>, ValidationProblem, ProblemHttpResult>> ResolveProblem(
        Guid id, Guid problemId, ResolveProblemRequest request, ProjectService projects, IDbContextFactory<ButlerDbContext> dbFactory,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        var problem = await db.Problems.AsNoTracking().FirstOrDefaultAsync(p => p.Id == problemId && p.ProjectId == id, ct);
        if (project is null || problem is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", $"No problem {problemId} on project {id}.");
        }
        if (!OnProject(actor, project) && !string.Equals(problem.Owner, actor.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Only the problem's owner, its project's squad, leaders and administrators resolve it.");
        }
        var result = await projects.ResolveProblemAsync(id, problemId, request.Resolution, actor, ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Ok<ProblemView>, Guid>(result);
        }
        return TypedResults.Ok(View(await db.Problems.AsNoTracking().FirstAsync(p => p.Id == problemId, ct)));
    }

    private static async Task<Results<Ok<InvestmentView>, ValidationProblem, ProblemHttpResult>> RecordInvestment(
        Guid id, InvestmentRequest request, IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var errors = new Dictionary<string, string[]>();
        if (request.Month is null || !DateOnly.TryParseExact(request.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            errors["month"] = ["month is yyyy-MM."];
            month = default;
        }
        if (request.Amount is not { } amount || amount < 0 || amount > ProjectService.MaxInvestment)
        {
            errors["amount"] = ["amount is the CNY completed in the month, 0 or more (at most 10^13)."];
            amount = 0;
        }
        if (request.Note is { Length: > 1000 })
        {
            errors["note"] = ["A note has at most 1000 characters."];
        }
        var now = time.GetUtcNow();
        var thisMonth = DateOnly.FromDateTime(now.UtcDateTime);
        if (!errors.ContainsKey("month") && month > new DateOnly(thisMonth.Year, thisMonth.Month, 1))
        {
            errors["month"] = ["Investment is recorded for this month or earlier."];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseAsync(db, id, actor, ct) is { } refused)
        {
            return refused;
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var entry = await db.InvestmentEntries.FirstOrDefaultAsync(e => e.ProjectId == id && e.Month == month, ct);
        if (entry is null)
        {
            entry = new InvestmentEntry { Id = Guid.CreateVersion7(now), ProjectId = id, Month = month };
            db.InvestmentEntries.Add(entry);
        }
        entry.Amount = amount;
        entry.Note = request.Note;
        entry.RecordedBy = actor.UserName;
        entry.RecordedAt = now;
        var label = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        ProjectLedger.Add(db, id, LedgerKind.Investment, actor.UserName, now, $"{label}: {amount.ToString("0.##", CultureInfo.InvariantCulture)} CNY",
            new JsonObject { ["month"] = label, ["amount"] = amount });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", $"The investment of {label} was recorded at the same moment by someone else; reload.");
        }
        return TypedResults.Ok(new InvestmentView(label, entry.Amount, entry.Note, entry.RecordedBy, entry.RecordedAt));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel readModel, TimeProvider time, ClaimsPrincipal user, HttpContext http,
        string? format, Guid? leaderId, string? chain, string? stage, string? light, int? year, string? search, string? lang, CancellationToken ct)
    {
        var kind = (format ?? "xlsx").ToLowerInvariant();
        if (kind is not ("xlsx" or "csv"))
        {
            return ApiResults.Invalid("format", "format is xlsx or csv.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (items, errors) = await QueryAsync(db, readModel, user.ToActor(), new ProjectFilter(leaderId, chain, stage, light, year, search), ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var chains = await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var chinese = LedgerExport.PrefersChinese(lang, http.Request.Headers.AcceptLanguage.ToString());
        var stamp = time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return kind == "csv"
            ? TypedResults.File(LedgerExport.Csv(items!, chains, chinese), "text/csv; charset=utf-8", $"ledger-{stamp}.csv")
            : TypedResults.File(LedgerExport.Xlsx(items!, chains, chinese), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"ledger-{stamp}.xlsx");
    }

    /// <summary>404 for a missing project, 403 when it is not one of the caller's squads' (leaders and admins see all); else null.</summary>
    private static async Task<ProblemHttpResult?> RefuseAsync(ButlerDbContext db, Guid id, Actor actor, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", $"No project {id}.");
        }
        return OnProject(actor, project) ? null : ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "This project is not one of your squads'.");
    }

    internal static ProblemView View(Problem p) => new(p.Id, WireNames.Wire(p.Kind), p.Title, p.Description, p.RaisedBy, p.Owner, p.DueAt,
        WireNames.Wire(p.Status), p.Resolution, p.RaisedAt, p.ResolvedAt, p.ResolvedBy, p.InstanceId);

    private static async Task<ProjectDetail?> DetailAsync(ButlerDbContext db, ProjectReadModel readModel, TimeProvider time, Guid id, CancellationToken ct)
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
        var timeline = ledger.Select(l => (l.At, l.Id, Item: new TimelineItem(l.At, WireNames.Wire(l.Kind), l.Actor, l.Text,
                l.DataJson is null ? null : JsonNode.Parse(l.DataJson))))
            .Concat(journal.Select(j => (j.At, j.Id, Item: new TimelineItem(j.At, WireNames.Wire(j.Kind), j.Actor ?? "", 
                string.Join(" · ", new[] { j.ActivityId, j.Outcome, j.Comment }.Where(s => !string.IsNullOrEmpty(s))),
                new JsonObject { ["instanceId"] = j.InstanceId.ToString("D"), ["activityId"] = j.ActivityId }))))
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Select(x => x.Item).ToList();
        var now = time.GetUtcNow();
        return new ProjectDetail(summary,
            new ProjectTeamView(squad.Id, squad.Name, squad.LeadUserName, [.. squad.Members.Select(m => m.UserName).Order(StringComparer.Ordinal)]),
            leader.UserName,
            [.. light.Reasons.Select(r => new LightReasonView(WireNames.Wire(r.Light), r.Code, r.Subject, r.WorkingDaysLate))],
            [.. problems.OrderByDescending(p => p.RaisedAt).Select(View)],
            [.. investment.OrderBy(e => e.Month).Select(e => new InvestmentView(e.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), e.Amount, e.Note, e.RecordedBy, e.RecordedAt))],
            [.. openTasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).Select(t => new OpenTaskView(t.Id, t.Title, t.AssigneeUser, t.AssigneeRole, t.DueAt, t.LightAt(now)))],
            timeline, project.PipelineInstanceId);
    }
}
