using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Butler.Host.Api.Idempotency;
using Butler.Host.Identity;
using Butler.Workflows.Calendar;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Host.Api.Projects;

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
            .WithSummary("Creates a project and starts its butler pipeline. Leader or Admin. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapGet("/{id:guid}", Get)
            .WithSummary("A project with its team, problems, investment entries, open tasks, light and ledger timeline. Leaders, admins and members of its squad.");
        group.MapPut("/{id:guid}", Update)
            .WithSummary("Changes a project (fields left out stay); a stage change is written in the ledger; production ends the pipeline. Leaders, admins and members of its squad; closing (fulfilled, terminated) is for leaders and admins.");
        group.MapPost("/{id:guid}/problems", RaiseProblem)
            .WithSummary("Raises a problem (land, environmental, financing, power, other) with an owner and an agreed date; overdue, it escalates to the responsible leader. Leaders, admins and members of its squad. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/problems/{problemId:guid}/resolve", ResolveProblem)
            .WithSummary("Resolves a problem with a resolution. Leaders, admins, members of its squad and the problem's owner.");
        group.MapPost("/{id:guid}/investment", RecordInvestment)
            .WithSummary("Records the investment completed in a month (yyyy-MM); recording a month again replaces it. Leaders, admins and members of its squad.");
        group.MapGet("/export", Export)
            .WithSummary("The ledger as xlsx or csv (format=xlsx|csv), with the list's filters and headers in the caller's language (lang or Accept-Language). Same visibility as the list.");
        return app;
    }

    private static bool SeesAll(Actor actor) => ProjectQueries.SeesAll(actor);

    private static bool OnProject(Actor actor, Project project) => ProjectQueries.OnProject(actor, project);

    private static async Task<Results<Ok<PagedList<ProjectSummary>>, ValidationProblem>> List(
        ProjectQueries queries, ClaimsPrincipal user,
        Guid? leaderId, string? chain, string? stage, string? light, int? year, string? search,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var paging = Paging.Check(page, pageSize);
        var (items, errors) = await queries.ListAsync(user.ToActor(), new ProjectFilter(leaderId, chain, stage, light, year, search), ct);
        foreach (var (key, value) in paging ?? [])
        {
            errors[key] = value;
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(new PagedList<ProjectSummary>([.. items!.Skip(Paging.Skip(page, pageSize)).Take(pageSize)], items!.Count, page, pageSize));
    }

    private static async Task<Results<Created<ProjectDetail>, ValidationProblem, ProblemHttpResult>> Create(
        CreateProjectRequest request, ProjectService projects, IDbContextFactory<ButlerDbContext> dbFactory, ProjectQueries queries,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var actor = user.ToActor();
        if (!SeesAll(actor))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.ProjectCreateForbidden());
        }
        var result = await projects.CreateAsync(new ProjectInput(request.Name, request.Company, request.Chain, request.PlannedInvestment,
            request.ContractDate, request.LeaderId, request.SquadId, request.PlannedStartMonth, request.HighTech ?? false, request.ChainGapFilling ?? false),
            actor, http.IdempotencyKeyOf(), ct: ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Created<ProjectDetail>, Guid>(result);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var detail = await queries.DetailAsync(db, result.Value, ct);
        return TypedResults.Created($"/api/projects/{result.Value}", detail!);
    }

    private static async Task<Results<Ok<ProjectDetail>, ProblemHttpResult>> Get(
        Guid id, ProjectQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await queries.FindAsync(user.ToActor(), id, ct);
        if (found.NotFound)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.ProjectNotFound(id));
        }
        return found.Forbidden
            ? ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.ProjectNotYours())
            : TypedResults.Ok(found.Detail!);
    }

    private static async Task<Results<Ok<ProjectDetail>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProjectUpdate request, ProjectService projects, IDbContextFactory<ButlerDbContext> dbFactory, ProjectQueries queries,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseAsync(db, id, actor, ct) is { } refused)
        {
            return refused;
        }
        if (request.Closing is not null && !SeesAll(actor))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.ProjectCloseForbidden());
        }
        var result = await projects.UpdateAsync(id, request, actor, ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Ok<ProjectDetail>, Project>(result);
        }
        return TypedResults.Ok((await queries.DetailAsync(db, id, ct))!);
    }

    private static async Task<Results<Created<ProblemView>, ValidationProblem, ProblemHttpResult>> RaiseProblem(
        Guid id, RaiseProblemRequest request, ProjectService projects, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        HttpContext http, CancellationToken ct)
    {
        var actor = user.ToActor();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseAsync(db, id, actor, ct) is { } refused)
        {
            return refused;
        }
        var result = await projects.RaiseProblemAsync(id, new ProblemInput(request.Kind, request.Title, request.Description, request.Owner, request.DueAt),
            actor, http.IdempotencyKeyOf(), ct);
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
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.ProblemNotFound(problemId, id));
        }
        if (!OnProject(actor, project) && !string.Equals(problem.Owner, actor.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.ProblemResolveForbidden());
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
        var errors = new ValidationErrors();
        var month = InputRules.Month(request.Month, "month", errors, required: true) ?? default;
        var amount = InputRules.Amount(request.Amount, "amount", errors, required: true) ?? 0;
        var note = InputRules.Text(request.Note, "note", errors, max: 1000);
        var now = time.GetUtcNow();
        var thisMonth = DateOnly.FromDateTime(now.UtcDateTime);
        if (errors.Count == 0 && month > new DateOnly(thisMonth.Year, thisMonth.Month, 1))
        {
            errors.Refuse("month", Failure.MonthInFuture());
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseAsync(db, id, actor, ct) is { } refused)
        {
            return refused;
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var entry = await db.InvestmentEntries.FirstOrDefaultAsync(e => e.ProjectId == id && e.Month == month, ct);
        if (entry is null)
        {
            entry = new InvestmentEntry { Id = Guid.CreateVersion7(now), ProjectId = id, Month = month };
            db.InvestmentEntries.Add(entry);
        }
        entry.Amount = amount;
        entry.Note = note;
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
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.InvestmentConcurrent(label));
        }
        return TypedResults.Ok(new InvestmentView(label, entry.Amount, entry.Note, entry.RecordedBy, entry.RecordedAt));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        ProjectQueries queries, IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, IOptions<CalendarOptions> calendar, ClaimsPrincipal user, HttpContext http,
        string? format, Guid? leaderId, string? chain, string? stage, string? light, int? year, string? search, string? lang, CancellationToken ct)
    {
        var kind = (format ?? "xlsx").ToLowerInvariant();
        if (kind is not ("xlsx" or "csv"))
        {
            return ApiResults.Invalid("format", Failure.OneOf("format", ["xlsx", "csv"]));
        }
        // lang=en|zh-CN chooses the file's language; else the reader's (app bar, profile, Accept-Language, zh-CN). Names
        // kept in both languages (squads) follow it too.
        var language = LedgerExport.Asked(lang) ?? Configuration.ReaderLanguages.ReaderLanguage(http);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        var chinese = language == Workflows.Activities.Languages.Chinese;
        var (items, errors) = await queries.ListAsync(user.ToActor(), new ProjectFilter(leaderId, chain, stage, light, year, search), ct);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chains = await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        // The file is named after the district's day, not UTC's (before 08:00 in Shanghai they differ).
        var stamp = Components.Formats.Day(time.GetUtcNow(), calendar.Value.ResolveTimeZone()).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
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
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.ProjectNotFound(id));
        }
        return OnProject(actor, project) ? null : ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.ProjectNotYours());
    }

    internal static ProblemView View(Problem p) => new(p.Id, WireNames.Wire(p.Kind), p.Title.Current, p.Description, p.RaisedBy, p.Owner, p.DueAt,
        WireNames.Wire(p.Status), p.Resolution, p.RaisedAt, p.ResolvedAt, p.ResolvedBy, p.InstanceId);
}
