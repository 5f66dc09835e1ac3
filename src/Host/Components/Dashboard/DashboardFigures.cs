using System.Globalization;
using Butler.Workflows.Onboarding;

namespace Butler.Host.Components.Dashboard;

/// <summary>
/// One figure card: <see cref="Metric"/> is the camelCase name <c>GET /api/metrics</c> uses, <see cref="Value"/> the number
/// formatted for the culture with its unit when it has one ("30 亿元", "41.5 working days"; "—" when it cannot be
/// computed), and <see cref="Note"/> how it was computed or why it is missing.
/// </summary>
public sealed record Figure(string Metric, string Label, string Value, string? Note, bool Missing = false);

/// <summary>Turns the district's metrics into figure cards and chart numbers, formatted for the current culture.</summary>
public static class DashboardFigures
{
    /// <summary>An amount in yuan in the reader's units ("30 亿元", "CNY 3.0 bn"); see <see cref="Formats.Money"/>.</summary>
    public static string Investment(decimal yuan, CultureInfo? culture = null) => Formats.Money(yuan, culture);

    /// <summary>A fraction 0–1 as a percentage with one decimal; null (nothing to divide by) is "—".</summary>
    public static string Rate(double? fraction, CultureInfo? culture = null) =>
        fraction is { } f ? f.ToString("P1", culture ?? CultureInfo.CurrentCulture) : UiText.NotComputable;

    public static string Count(int count, CultureInfo? culture = null) => count.ToString("N0", culture ?? CultureInfo.CurrentCulture);

    /// <summary>Working days with their unit ("41.5 个工作日", "41.5 working days"); null is "—".</summary>
    public static string Days(double? days, CultureInfo? culture = null) =>
        days is { } d ? Formats.WorkingDays(d, culture) : UiText.NotComputable;

    /// <summary>Every figure <see cref="MetricsService"/> computes, in the order the dashboard shows them.</summary>
    public static IReadOnlyList<Figure> From(DistrictMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var year = m.Year;
        return
        [
            Counted("signedProjects", m.SignedProjects),
            new("signedInvestment", UiText.Metric("signedInvestment"), Investment(m.SignedInvestment), null),
            Rated("fulfilmentRate", m.FulfilmentRate, m.FulfilmentRate is null ? UiText.NoSignedProjects(year)
                : $"{UiText.PartOf(m.FulfilledProjects, m.SignedProjects, UiText.Fulfilled)} ({UiText.FulfilledWhen(m.FulfilledWhen)})"),
            Rated("commencementRate", m.CommencementRate, m.CommencementRate is null ? UiText.NoSignedProjects(year)
                : UiText.PartOf(m.StartedProjects, m.SignedProjects, UiText.Started)),
            new("investmentCompleted", UiText.Metric("investmentCompleted"), Investment(m.InvestmentCompleted), null),
            Counted("leads", m.Leads),
            Counted("deepNegotiations", m.DeepNegotiations),
            Counted("visits", m.Visits),
            Counted("receptions", m.Receptions),
            Counted("trips", m.Trips),
            Rated("permitSlaCompliance", m.PermitSlaCompliance, m.PermitSlaCompliance is null ? UiText.NoPermitsDue(year) : UiText.PermitSlaNote),
            new("medianWorkingDaysLeadToSigned", UiText.Metric("medianWorkingDaysLeadToSigned"), Days(m.MedianWorkingDaysLeadToSigned),
                m.MedianWorkingDaysLeadToSigned is null ? UiText.NoSignedLeads(year) : UiText.MedianNote, m.MedianWorkingDaysLeadToSigned is null),
            Counted("fulfilledProjects", m.FulfilledProjects),
            Counted("startedProjects", m.StartedProjects),
            Counted("highTechProjects", m.HighTechProjects),
            Counted("chainGapFillingProjects", m.ChainGapFillingProjects),
        ];
    }

    private static Figure Counted(string metric, int value) => new(metric, UiText.Metric(metric), Count(value), null);

    private static Figure Rated(string metric, double? value, string note) =>
        new(metric, UiText.Metric(metric), Rate(value), note, value is null);
}
