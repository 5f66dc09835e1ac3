using Butler.Host.Identity;
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
        // Problem details in the caller's language, with the engine's code for clients to branch on.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Api.ProblemLanguage.Localize);
        // Reads shared by the API and the web pages, so both answer from one query.
        builder.Services.AddScoped<Api.Projects.ProjectQueries>();
        builder.Services.AddSingleton<Api.ApprovalSheets.RunSheets>();
        builder.Services.AddSingleton<Api.ApprovalSheets.SheetFonts>();
        builder.Services.AddScoped<Api.Dispatches.DispatchQueries>();
        builder.Services.AddOpenApi(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            // A text in both languages is written by its own converter: a string (the same in both) or {zh-CN, en}.
            if (context.JsonTypeInfo.Type == typeof(Butler.Workflows.Activities.LocalizedText))
            {
                schema.Type = null;
                schema.Properties?.Clear();
                schema.Required?.Clear();
                schema.Description = "A text in both languages: a string (the same in both) or { \"zh-CN\": …, \"en\": … }.";
                schema.OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.String },
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["zh-CN"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["en"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        },
                    },
                ];
            }
            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Butler API";
            document.Info.Description = "Workflow and approval engine for investment-project onboarding. Sign in with POST /api/auth/token and send the token as 'Authorization: Bearer …'. " +
                "Refusals (400, 403, 404, 409) are problem details with a stable 'code' (task.notOpen, instance.notFound, validation…) and its 'args'; " +
                "'title' and 'detail' are in the caller's language: Accept-Language (zh… or en…), else the signed-in user's profile language, else zh-CN.";
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

    /// <summary>
    /// Bad input becomes a 4xx naming the field in the words of the request, and is not logged as an error (it is the
    /// caller's mistake); anything else a 500 without internals, logged.
    /// </summary>
    public static WebApplication UseButlerErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => HandleErrorAsync(context, app.Logger),
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        // An API caller gets a problem-details body for a bare status code; a browser asking for a page gets one saying what went wrong (a form post keeps its bare status).
        app.UseWhen(context => AuthExtensions.IsMachineRequest(context.Request), api => api.UseStatusCodePages());
        // Re-executing needs routing to run after this middleware: Program.cs calls UseRouting() next.
        app.UseWhen(context => !AuthExtensions.IsMachineRequest(context.Request) && HttpMethods.IsGet(context.Request.Method),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        return app;
    }

    private static async Task HandleErrorAsync(HttpContext context, ILogger logger)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        var error = feature?.Error;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (error is BadHttpRequestException bad)
        {
            var described = await Api.RequestErrors.DescribeAsync(context, feature?.Endpoint, bad);
            context.Response.StatusCode = described.Status;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [described.Field] = [described.Failure.English] })
                {
                    Status = described.Status,
                    Title = "The request is invalid.",
                    Extensions =
                    {
                        [Api.ProblemLanguage.CodeMember] = Workflows.Runtime.Failure.Validation,
                        [Api.ProblemLanguage.FieldsMember] = new Dictionary<string, Api.FieldCode>(StringComparer.Ordinal)
                        {
                            [described.Field] = new(described.Failure.Code, described.Failure.Args),
                        },
                    },
                },
            });
            return;
        }
        if (error is not null)
        {
            LogUnhandled(logger, error, context.Request.Path);
        }
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (!AuthExtensions.IsMachineRequest(context.Request))
        {
            // A person in a browser gets a page, in both languages (the request's language is not known this early), not JSON.
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ErrorPage(System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier));
            return;
        }
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
    }

    /// <summary>Refuses control characters in every query, route, form and JSON value before an endpoint sees them (<see cref="Api.InputGuard"/>).</summary>
    public static WebApplication UseButlerInputGuard(this WebApplication app)
    {
        app.UseMiddleware<Api.InputGuard>();
        return app;
    }

    private static string ErrorPage(string traceId) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
        <title>出错了 · Something went wrong</title></head>
        <body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
        <h1>出错了 · Something went wrong</h1>
        <p>系统出现内部错误，已记录。请稍后重试；如果问题持续，请把下面的编号告诉管理员。</p>
        <p lang="en">An error occurred on our side and was logged. Please try again later; if it persists, give the administrator this number.</p>
        <p><code>{{System.Net.WebUtility.HtmlEncode(traceId)}}</code></p>
        <p><a href="/">首页 · Home</a></p>
        </body></html>
        """;

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
