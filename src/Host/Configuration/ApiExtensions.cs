using System.Text.Json;
using System.Text.Json.Serialization;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Butler.Host.Configuration;

public static partial class ApiExtensions
{
    /// <summary>JSON, problem details, OpenAPI with the bearer scheme.</summary>
    public static WebApplicationBuilder AddButlerApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        // Binding failures (malformed JSON, wrong types) reach the exception handler, which names the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        // Reads shared by the API and the web pages, so both answer from one query.
        builder.Services.AddScoped<Api.Projects.ProjectQueries>();
        builder.Services.AddScoped<Api.Dispatches.DispatchQueries>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Butler API";
            document.Info.Description = "Workflow and approval engine for investment-project onboarding. Sign in with POST /api/auth/token and send the token as 'Authorization: Bearer …'.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/auth/token.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Bad input becomes a 400 naming the field; anything else a 500 without internals.</summary>
    public static WebApplication UseButlerErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            if (error is BadHttpRequestException bad)
            {
                var (field, message) = Describe(bad);
                context.Response.StatusCode = bad.StatusCode;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
                    {
                        Status = bad.StatusCode,
                        Title = "The request is invalid.",
                    },
                });
                return;
            }
            if (error is not null)
            {
                LogUnhandled(app.Logger, error, context.Request.Path);
            }
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 500,
                    Title = "Something went wrong on our side.",
                    Detail = "The error was logged with the trace id below.",
                },
            });
        }));
        app.UseStatusCodePages();
        return app;
    }

    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            return (path, "The JSON body is malformed or has a value of the wrong type here.");
        }
        // "Failed to bind parameter \"int page\" from \"x\"." names the parameter; keep that name.
        var match = ParameterName().Match(bad.Message);
        return match.Success ? (match.Groups[1].Value, bad.Message) : ("$", bad.Message);
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"[^\"]*? ([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    public static WebApplication MapButlerOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Butler API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }

    /// <summary>GET /health — anyone; 200 when the database answers, 503 otherwise.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/health", async (IDbContextFactory<ButlerDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Database.CanConnectAsync(ct)
                ? Results.Ok(new { status = "healthy" })
                : Results.Json(new { status = "unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("Health").WithSummary("Whether the host and its database answer. Anyone.");
        return app;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string path);
}
