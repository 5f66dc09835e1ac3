using System.Security.Claims;
using Butler.Host.Api.Organisation;
using Butler.Host.Identity;
using Butler.Workflows.Calendar;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Leads;

public static class LeadEndpoints
{
    /// <summary>Squads, leaders and administrators: the people who promote investment.</summary>
    internal static readonly AuthorizeAttribute Staff = new() { Roles = $"{Roles.Squad},{Roles.Leader},{Roles.Admin}" };

    /// <summary>Squads, leaders and admins read and record leads; a squad member edits only their own; leaders and admins convert.</summary>
    public static IEndpointRouteBuilder MapLeadEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization(Staff);
        group.MapGet("/", List)
            .WithSummary("Leads, newest received first; filters status, chain, owner, year (of receivedOn) and search (company). Squad, Leader or Admin.");
        group.MapPost("/", Create)
            .WithSummary("Records a new lead (owner defaults to the caller) and starts its response SLA. Squad, Leader or Admin.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("One lead with its promotion activities, the statuses it may move to and its SLA's open steps. Squad, Leader or Admin.");
        group.MapPut("/{id:guid}", Update)
            .WithSummary("Edits a lead (fields left out stay); status moves forward (new → assessed → deepNegotiation → signed) or to dropped, and a lead past new ends its SLA. Its owner (Squad), a Leader or an Admin.");
        group.MapPost("/{id:guid}/activities", RecordActivity)
            .WithSummary("Records a trip, visit or reception about this lead. Squad, Leader or Admin.");
        group.MapPost("/{id:guid}/convert", Convert).RequireAuthorization(Policies.LeaderOrAdmin)
            .WithSummary("Turns a signed lead into a project and starts its butler pipeline; company, chain, investment and contract date default from the lead, the leader from its chain. A lead not signed, or converted before, is 409. Leader or Admin.");
        PromotionActivityEndpoints.Map(app);
        return app;
    }

    private static async Task<Results<Ok<PagedList<LeadView>>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, string? status, string? chain, string? owner, int? year, string? search,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        LeadStatus statusValue = default;
        if (status is not null && !WireNames.TryParse(status, out statusValue))
        {
            errors.Refuse("status", Failure.OneOf("status", WireNames.All<LeadStatus>()));
        }
        CheckYear(year, errors);
        InputRules.Line(search, "search", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Leads.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(l => l.Status == statusValue);
        }
        if (!string.IsNullOrWhiteSpace(chain))
        {
            var code = chain.Trim();
            query = query.Where(l => l.ChainCode == code);
        }
        if (!string.IsNullOrWhiteSpace(owner))
        {
            var name = owner.Trim();
            query = query.Where(l => l.Owner == name);
        }
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = from.AddYears(1);
            query = query.Where(l => l.ReceivedOn >= from && l.ReceivedOn < to);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            // ToLower is translated to SQL LOWER on every provider, which is what makes the search case-insensitive.
#pragma warning disable CA1304, CA1311, CA1862
            var s = search.Trim().ToLower();
            query = query.Where(l => l.Company.ToLower().Contains(s));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(l => l.ReceivedOn).ThenByDescending(l => l.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        var chains = await OrganisationEndpoints.ChainsAsync(db, ct);
        return TypedResults.Ok(new PagedList<LeadView>([.. items.Select(l => LeadView.From(l, chains))], total, page, pageSize));
    }

    private static async Task<Results<Ok<LeadDetail>, ProblemHttpResult>> Get(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.LeadNotFound(id));
        }
        var activities = await db.PromotionActivities.AsNoTracking().Where(a => a.LeadId == id)
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).ToListAsync(ct);
        LeadSlaView? sla = null;
        if (lead.SlaInstanceId is { } instanceId && await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct) is { } instance)
        {
            var open = await db.WorkItems.AsNoTracking().Where(w => w.InstanceId == instanceId && w.Status == WorkItemStatus.Open).ToListAsync(ct);
            sla = LeadSlaViews.From(instance, open, time.GetUtcNow());
        }
        var chains = await OrganisationEndpoints.ChainsAsync(db, ct);
        return TypedResults.Ok(new LeadDetail(LeadView.From(lead, chains), [.. LeadProgress.NextOf(lead.Status).Select(WireNames.Wire)],
            [.. activities.Select(PromotionActivityView.From)], sla));
    }

    private static async Task<Results<Created<LeadView>, ValidationProblem>> Create(
        CreateLeadRequest request, IDbContextFactory<ButlerDbContext> dbFactory, IUserDirectory users, LeadSla sla,
        CalendarService calendars, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var now = time.GetUtcNow();
        var today = LeadProgress.DayOf(now, calendars.TimeZone);
        var errors = new ValidationErrors();
        if (!WireNames.TryParse<LeadSource>(request.Source, out var source))
        {
            errors.Refuse("source", Failure.OneOf("source", WireNames.All<LeadSource>()));
        }
        var company = InputRules.Name(request.Company, "company", errors);
        var contact = InputRules.Line(request.Contact, "contact", errors);
        var note = InputRules.Text(request.Note, "note", errors);
        InputRules.Amount(request.IntendedInvestment, "intendedInvestment", errors);
        CheckReceivedOn(request.ReceivedOn, today, errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chain = await CheckChainAsync(db, request.Chain, required: true, errors, ct);
        var owner = await InputRules.UserAsync(users, request.Owner ?? actor.UserName, "owner", errors, ct: ct);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var id = Guid.CreateVersion7(now);
        var lead = await sla.CreateAsync(() => new Lead
        {
            Id = id,
            Source = source,
            Company = company,
            ChainCode = chain!,
            IntendedInvestment = request.IntendedInvestment ?? 0m,
            Contact = contact,
            Owner = owner!,
            Status = LeadStatus.New,
            Note = note,
            ReceivedOn = request.ReceivedOn ?? today,
            CreatedBy = actor.UserName,
            CreatedAt = now,
            UpdatedAt = now,
        }, actor, ct);
        return TypedResults.Created($"/api/leads/{id}", LeadView.From(lead, await OrganisationEndpoints.ChainsAsync(db, ct)));
    }

    private static async Task<Results<Ok<LeadView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateLeadRequest request, IDbContextFactory<ButlerDbContext> dbFactory, IUserDirectory users, LeadSla sla,
        CalendarService calendars, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.LeadNotFound(id));
        }
        if (!MayEdit(actor, lead))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.LeadNotOwner());
        }
        if (request.Revision is { } revision && revision != lead.Revision)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeadStale(lead.Revision, revision));
        }
        var now = time.GetUtcNow();
        var today = LeadProgress.DayOf(now, calendars.TimeZone);
        var errors = new ValidationErrors();
        LeadSource? source = null;
        if (request.Source is not null)
        {
            source = WireNames.TryParse<LeadSource>(request.Source, out var parsed) ? parsed : null;
            if (source is null)
            {
                errors.Refuse("source", Failure.OneOf("source", WireNames.All<LeadSource>()));
            }
        }
        var company = request.Company is null ? null : InputRules.Name(request.Company, "company", errors);
        var contact = InputRules.Line(request.Contact, "contact", errors);
        var note = InputRules.Text(request.Note, "note", errors);
        InputRules.Amount(request.IntendedInvestment, "intendedInvestment", errors);
        CheckReceivedOn(request.ReceivedOn, today, errors);
        var chain = await CheckChainAsync(db, request.Chain, required: false, errors, ct);
        var owner = request.Owner is null ? null : await InputRules.UserAsync(users, request.Owner, "owner", errors, ct: ct);
        LeadStatus? status = null;
        if (request.Status is not null)
        {
            if (!WireNames.TryParse<LeadStatus>(request.Status, out var to))
            {
                errors.Refuse("status", Failure.OneOf("status", WireNames.All<LeadStatus>()));
            }
            else if (!LeadProgress.CanMove(lead.Status, to))
            {
                var next = LeadProgress.NextOf(lead.Status);
                errors.Refuse("status", next.Count == 0
                    ? Failure.LeadFinal(WireNames.Wire(lead.Status), WireNames.Wire(to))
                    : Failure.LeadMove(WireNames.Wire(lead.Status), next.Select(WireNames.Wire), WireNames.Wire(to)));
            }
            else
            {
                status = to;
            }
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var previousOwner = lead.Owner;
        lead.Source = source ?? lead.Source;
        lead.Company = company ?? lead.Company;
        lead.ChainCode = chain ?? lead.ChainCode;
        lead.IntendedInvestment = request.IntendedInvestment ?? lead.IntendedInvestment;
        lead.Contact = request.Contact is null ? lead.Contact : contact;
        lead.Owner = owner ?? lead.Owner;
        lead.Note = request.Note is null ? lead.Note : note;
        lead.ReceivedOn = request.ReceivedOn ?? lead.ReceivedOn;
        if (status is { } newStatus)
        {
            LeadProgress.Move(lead, newStatus, today, now);
        }
        if (db.ChangeTracker.HasChanges())
        {
            lead.UpdatedAt = now;
            lead.Revision++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeadConcurrent());
            }
        }
        // After the commit: a repeated PUT repeats this step, so a crash in between is mended by sending the same edit again.
        await sla.FollowAsync(lead, previousOwner, actor, ct);
        return TypedResults.Ok(LeadView.From(lead, await OrganisationEndpoints.ChainsAsync(db, ct)));
    }

    private static async Task<Results<Created<PromotionActivityView>, ValidationProblem, ProblemHttpResult>> RecordActivity(
        Guid id, RecordPromotionActivityRequest request, IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, ClaimsPrincipal user,
        Proxies.Proxies proxies, Microsoft.Extensions.Options.IOptions<Workflows.Calendar.CalendarOptions> calendar, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Leads.AnyAsync(l => l.Id == id, ct))
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.LeadNotFound(id));
        }
        if (request.LeadId is { } other && other != id)
        {
            return ApiResults.Invalid("leadId", Failure.IdDiffers("leadId", other.ToString(), id.ToString()));
        }
        return await PromotionActivityEndpoints.RecordAsync(db, request with { LeadId = id }, time, user, proxies, calendar.Value.ResolveTimeZone(), ct);
    }

    private static async Task<Results<Created<LeadView>, ValidationProblem, ProblemHttpResult>> Convert(
        Guid id, ConvertLeadRequest request, IDbContextFactory<ButlerDbContext> dbFactory, ProjectService projects, ClaimsPrincipal user,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.LeadNotFound(id));
        }
        if (lead.ProjectId is { } existing)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeadConverted(existing));
        }
        if (lead.Status != LeadStatus.Signed)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeadNotSigned(WireNames.Wire(lead.Status)));
        }
        var leaderId = request.LeaderId;
        if (leaderId is null)
        {
            // The chain's leader leads its projects unless the caller names another.
            var leaders = await db.Leaders.AsNoTracking().OrderBy(l => l.CreatedAt).ToListAsync(ct);
            leaderId = leaders.FirstOrDefault(l => l.Chains.Contains(lead.ChainCode, StringComparer.Ordinal))?.Id;
        }
        var input = new ProjectInput(
            request.Name ?? lead.Company,
            lead.Company,
            lead.ChainCode,
            request.PlannedInvestment ?? (lead.IntendedInvestment > 0 ? lead.IntendedInvestment : null),
            request.ContractDate ?? lead.SignedOn,
            leaderId,
            request.SquadId,
            request.PlannedStartMonth,
            request.HighTech ?? false,
            request.ChainGapFilling ?? false,
            lead.Id);
        var actor = user.ToActor();
        // One key per lead: two converts at once make one project, and the loser finds the lead taken below.
        var created = await projects.CreateAsync(input, actor, $"lead-convert:{lead.Id:N}", async (tx, project, token) =>
        {
            var row = await tx.Leads.FirstAsync(l => l.Id == id, token);
            row.ProjectId = project.Id;
            row.UpdatedAt = project.CreatedAt;
            row.Revision++;
        }, ct);
        if (!created.IsOk)
        {
            return created.Status == OperationStatus.Invalid
                ? ApiResults.Invalid(created)
                : ApiResults.Refusal(created);
        }
        var converted = await db.Leads.AsNoTracking().FirstAsync(l => l.Id == id, ct);
        // The key is the lead's, not the caller's: finding it used means another convert made the project.
        if (created.WasDuplicate || converted.ProjectId != created.Value)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeadConvertedConcurrently(converted.ProjectId));
        }
        return TypedResults.Created($"/api/projects/{converted.ProjectId}", LeadView.From(converted, await OrganisationEndpoints.ChainsAsync(db, ct)));
    }

    /// <summary>A squad member edits only leads they own; leaders and administrators edit any.</summary>
    internal static bool MayEdit(Actor actor, Lead lead) =>
        actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Leader) || string.Equals(lead.Owner, actor.UserName, StringComparison.OrdinalIgnoreCase);

    internal static void CheckYear(int? year, Dictionary<string, string[]> errors) => InputRules.Year(year, "year", errors);

    private static void CheckReceivedOn(DateOnly? receivedOn, DateOnly today, Dictionary<string, string[]> errors)
    {
        if (InputRules.Date(receivedOn, "receivedOn", errors) is { } day && day > today)
        {
            errors.Refuse("receivedOn", Failure.AfterToday("receivedOn", day, today));
        }
    }

    private static async Task<string?> CheckChainAsync(ButlerDbContext db, string? chain, bool required, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (chain is null && !required)
        {
            return null;
        }
        var code = chain?.Trim() ?? "";
        if (code.Length == 0)
        {
            errors.Refuse("chain", Failure.ChainRequired("chain"));
            return null;
        }
        if (!await db.IndustryChains.AnyAsync(c => c.Code == code, ct))
        {
            errors.Refuse("chain", Failure.NoChain(code));
            return null;
        }
        return code;
    }
}
