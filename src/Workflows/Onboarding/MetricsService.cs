using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Onboarding;

/// <summary>Counts per red, yellow and green light.</summary>
public sealed record LightCounts(int Red, int Yellow, int Green);

/// <summary>Signed projects and investment of one industry chain in a year.</summary>
public sealed record ChainFigures(string Chain, string NameZh, string NameEn, int SignedProjects, decimal SignedInvestment, decimal InvestmentCompleted);

/// <summary>The district's figures for a year (rates are fractions 0–1, null when there is nothing to divide by).</summary>
public sealed record DistrictMetrics(
    int Year,
    int SignedProjects,
    decimal SignedInvestment,
    double? FulfilmentRate,
    double? CommencementRate,
    decimal InvestmentCompleted,
    int Leads,
    int DeepNegotiations,
    int Visits,
    int Receptions,
    int Trips,
    double? PermitSlaCompliance,
    double? MedianWorkingDaysLeadToSigned,
    int FulfilledProjects,
    int StartedProjects,
    int HighTechProjects,
    int ChainGapFillingProjects,
    string FulfilledWhen,
    IReadOnlyList<ChainFigures> ByChain,
    LightCounts Lights);

/// <summary>
/// Computes the district's figures from the records at query time; nothing is stored. Fulfilment follows
/// <see cref="OnboardingOptions.FulfilledWhen"/>; commencement counts projects started (including those producing)
/// by the end of the year.
/// </summary>
public sealed class MetricsService(IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel readModel, IOptions<OnboardingOptions> options,
    TimeProvider time)
{
    /// <summary>Tasks of the pipeline whose activity id starts with this are permit proxy filings.</summary>
    public const string PermitActivityPrefix = "permit";

    public async Task<DistrictMetrics> ForYearAsync(int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.ContractDate >= from && p.ContractDate <= to).ToListAsync(ct);
        var rule = options.Value.FulfilledWhen;
        var started = projects.Count(p => p.HasStarted && (p.StartedOn is null || p.StartedOn <= to));
        var fulfilled = projects.Count(p => rule switch
        {
            FulfilmentRule.Marked => p.Closing == ProjectClosing.Fulfilled,
            FulfilmentRule.Started => p.Closing != ProjectClosing.Terminated && p.HasStarted,
            _ => p.Closing != ProjectClosing.Terminated,
        });
        var monthFrom = new DateOnly(year, 1, 1);
        var entries = await db.InvestmentEntries.AsNoTracking().Where(e => e.Month >= monthFrom && e.Month <= to)
            .Select(e => new { e.ProjectId, e.Amount }).ToListAsync(ct);
        var completed = entries.Sum(e => e.Amount);

        var leads = await db.Leads.AsNoTracking().CountAsync(l => l.ReceivedOn >= from && l.ReceivedOn <= to, ct);
        var negotiations = await db.Leads.AsNoTracking().CountAsync(l => l.NegotiationOn >= from && l.NegotiationOn <= to, ct);
        var activities = await db.PromotionActivities.AsNoTracking().Where(a => a.Date >= from && a.Date <= to)
            .GroupBy(a => a.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(PromotionKind kind) => activities.FirstOrDefault(a => a.Kind == kind)?.Count ?? 0;

        var calendar = await readModel.CalendarAsync(ct);
        var signedLeads = await db.Leads.AsNoTracking().Where(l => l.SignedOn >= from && l.SignedOn <= to)
            .Select(l => new { l.ReceivedOn, l.SignedOn }).ToListAsync(ct);
        var spans = signedLeads.Select(l => (double)calendar.WorkingDaysBetween(l.ReceivedOn, l.SignedOn!.Value)).Order().ToList();
        double? median = spans.Count == 0 ? null
            : spans.Count % 2 == 1 ? spans[spans.Count / 2] : (spans[spans.Count / 2 - 1] + spans[spans.Count / 2]) / 2;

        var chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var byChain = chains.Select(c =>
        {
            var ofChain = projects.Where(p => p.ChainCode == c.Code).ToList();
            var ids = ofChain.Select(p => p.Id).ToHashSet();
            return new ChainFigures(c.Code, c.NameZh, c.NameEn, ofChain.Count, ofChain.Sum(p => p.PlannedInvestment),
                entries.Where(e => ids.Contains(e.ProjectId)).Sum(e => e.Amount));
        }).ToList();

        var lights = await readModel.LightsAsync(db, projects, ct);
        var counts = new LightCounts(lights.Values.Count(l => l.Light == Light.Red), lights.Values.Count(l => l.Light == Light.Yellow),
            lights.Values.Count(l => l.Light == Light.Green));

        return new DistrictMetrics(year, projects.Count, projects.Sum(p => p.PlannedInvestment),
            Rate(fulfilled, projects.Count), Rate(started, projects.Count), completed,
            leads, negotiations, Count(PromotionKind.Visit), Count(PromotionKind.Reception), Count(PromotionKind.Trip),
            await PermitSlaComplianceAsync(db, year, ct), median,
            fulfilled, started, projects.Count(p => p.HighTech), projects.Count(p => p.ChainGapFilling),
            WireNames.Wire(rule), byChain, counts);
    }

    /// <summary>Permit tasks due in the year: the share done by their due time (open ones past due count as missed).</summary>
    private async Task<double?> PermitSlaComplianceAsync(ButlerDbContext db, int year, CancellationToken ct)
    {
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(1);
        var pipeline = options.Value.PipelineDefinitionId;
        var permits = await (from w in db.WorkItems.AsNoTracking()
                             join i in db.Instances.AsNoTracking() on w.InstanceId equals i.Id
                             where i.DefinitionId == pipeline && w.ActivityId.StartsWith(PermitActivityPrefix)
                                   && w.DueAt != null && w.DueAt >= start && w.DueAt < end && w.Status != WorkItemStatus.Cancelled
                             select new { w.Status, w.DueAt, w.CompletedAt }).ToListAsync(ct);
        var now = time.GetUtcNow();
        var counted = permits.Where(p => p.Status == WorkItemStatus.Done || p.DueAt < now).ToList();
        return counted.Count == 0 ? null : (double)counted.Count(p => p.Status == WorkItemStatus.Done && p.CompletedAt <= p.DueAt) / counted.Count;
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
