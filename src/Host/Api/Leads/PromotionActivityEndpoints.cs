using System.Security.Claims;
using Butler.Host.Api.Organisation;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Leads;

/// <summary>Trips, visits and receptions: the promotion work behind the district's figures.</summary>
internal static class PromotionActivityEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/promotion-activities").WithTags("Leads").RequireAuthorization(LeadEndpoints.Staff);
        group.MapGet("/", List)
            .WithSummary("Trips, visits and receptions, newest first; filters kind (trip|visit|reception), year and leadId. Squad, Leader or Admin.");
        group.MapPost("/", Create)
            .WithSummary("Records a trip, visit or reception with its date, people, place and note, optionally about a lead. Squad, Leader or Admin.");
    }

    private static async Task<Results<Ok<PagedList<PromotionActivityView>>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, string? kind, int? year, Guid? leadId, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        PromotionKind kindValue = default;
        if (kind is not null && !WireNames.TryParse(kind, out kindValue))
        {
            errors.Refuse("kind", Failure.OneOf("kind", WireNames.All<PromotionKind>()));
        }
        LeadEndpoints.CheckYear(year, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.PromotionActivities.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(a => a.Kind == kindValue);
        }
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = from.AddYears(1);
            query = query.Where(a => a.Date >= from && a.Date < to);
        }
        if (leadId is { } lead)
        {
            query = query.Where(a => a.LeadId == lead);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Date).ThenByDescending(a => a.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<PromotionActivityView>([.. items.Select(PromotionActivityView.From)], total, page, pageSize));
    }

    private static async Task<Results<Created<PromotionActivityView>, ValidationProblem, ProblemHttpResult>> Create(
        RecordPromotionActivityRequest request, IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RecordAsync(db, request, time, user, ct);
    }

    /// <summary>Checks and stores one activity; the lead, when named, must exist.</summary>
    public static async Task<Results<Created<PromotionActivityView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        ButlerDbContext db, RecordPromotionActivityRequest request, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!WireNames.TryParse<PromotionKind>(request.Kind, out var kind))
        {
            errors.Refuse("kind", Failure.OneOf("kind", WireNames.All<PromotionKind>()));
        }
        InputRules.Date(request.Date, "date", errors, required: true);
        var people = InputRules.Text(request.People, "people", errors, max: 1000, required: true) ?? "";
        var place = InputRules.Line(request.Place, "place", errors);
        var note = InputRules.Text(request.Note, "note", errors);
        if (request.LeadId is { } leadId && !await db.Leads.AnyAsync(l => l.Id == leadId, ct))
        {
            errors.Refuse("leadId", Failure.NoLead(leadId));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var now = time.GetUtcNow();
        var activity = new PromotionActivity
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Date = request.Date!.Value,
            People = people,
            Place = place,
            Note = note,
            LeadId = request.LeadId,
            RecordedBy = user.ToActor().UserName,
            RecordedAt = now,
        };
        db.PromotionActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        // Activities are read in lists (and with their lead), not one by one.
        return TypedResults.Created((string?)null, PromotionActivityView.From(activity));
    }
}
