using Butler.Host.Identity;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using Microsoft.AspNetCore.Http.HttpResults;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Metrics;

public static class MetricsEndpoints
{
    /// <summary>GET /api/metrics?year=YYYY — the district's figures, computed from the records at query time. Leader and Admin.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics", Get).WithTags("Metrics")
            .RequireAuthorization(p => p.RequireRole(Roles.Leader, Roles.Admin))
            .WithSummary("The district's figures for a year: signed projects and investment, fulfilment and commencement rates (fractions 0–1), investment completed, leads, deep negotiations, visits, receptions, trips, permit SLA compliance, median working days from lead to signing, by chain, and the lights. Leader and Admin.");
        return app;
    }

    private static async Task<Results<Ok<DistrictMetrics>, ValidationProblem>> Get(MetricsService metrics, TimeProvider time, int? year, CancellationToken ct)
    {
        var wanted = year ?? time.GetUtcNow().Year;
        var errors = new ValidationErrors();
        if (!InputRules.Year(wanted, "year", errors))
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(await metrics.ForYearAsync(wanted, ct));
    }
}
