using Butler.Workflows.Activities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Butler.Host.Api.Activities;

public static class ActivityDescriptorEndpoints
{
    /// <summary>GET /api/activity-descriptors — any signed-in user; the designer's toolbox is built from it.</summary>
    public static IEndpointRouteBuilder MapActivityDescriptorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/activity-descriptors", (ActivityRegistry registry) =>
                TypedResults.Ok(registry.Descriptors.ToList()))
            .RequireAuthorization()
            .WithTags("Activities")
            .WithSummary("Lists every activity type with names, inputs and outcomes. Any signed-in user.");
        return app;
    }
}
