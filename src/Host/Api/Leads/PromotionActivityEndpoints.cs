using System.Security.Claims;
using Butler.Host.Api.Organisation;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Butler.Workflows.Runtime;
using Butler.Workflows.Calendar;
using Microsoft.Extensions.Options;

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
            .WithSummary("Records a trip, visit or reception with its date, people, place and note, optionally about a lead; a trip may name the caller's "
                + "proxy (代理人) for its days with proxy: {to, until (last day, default the trip's day), comment}, checked as PUT /api/me/proxy is "
                + "(errors under proxy.to, proxy.until). Squad, Leader or Admin.");
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
        RecordPromotionActivityRequest request, IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, ClaimsPrincipal user,
        Proxies.Proxies proxies, IOptions<CalendarOptions> calendar, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RecordAsync(db, request, time, user, proxies, calendar.Value.ResolveTimeZone(), ct);
    }

    /// <summary>
    /// Checks and stores one activity; the lead, when named, must exist. A trip's proxy is named for the recorder first,
    /// so a refused proxy leaves the trip unrecorded too.
    /// </summary>
    public static async Task<Results<Created<PromotionActivityView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        ButlerDbContext db, RecordPromotionActivityRequest request, TimeProvider time, ClaimsPrincipal user, Proxies.Proxies proxies, TimeZoneInfo zone,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(proxies);
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
        if (request.Proxy is not null && kind != PromotionKind.Trip && !errors.ContainsKey("kind"))
        {
            errors.Refuse("proxy", Failure.ProxyTripOnly());
        }
        if (request.Proxy is { Until: { } last } && request.Date is { } day && last < day)
        {
            errors.Refuse("proxy.until", Failure.ProxyUntilBeforeTrip());
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        if (request.Proxy is { } proxy)
        {
            var (from, until) = Proxies.TripDays.Span(request.Date!.Value, proxy.Until ?? request.Date!.Value, zone);
            var named = await proxies.SetAsync(user.ToActor().UserName, new Proxies.ProxyRequest(proxy.To, from, until, proxy.Comment), ct);
            if (named is { IsOk: false })
            {
                return InputError.ToProblem(named.Errors.Select(e => e with { Field = "proxy." + e.Field }));
            }
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
