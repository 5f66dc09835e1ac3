using System.Globalization;
using System.Security.Claims;
using Butler.Host.Api.Instances;
using Butler.Host.Components;
using Butler.Host.Components.People;
using Butler.Workflows.Input;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.ApprovalSheets;

public static class SheetEndpoints
{
    /// <summary>审批单: the printable sheet of a run, for whoever may read the run (<see cref="RunAccess"/>).</summary>
    public static IEndpointRouteBuilder MapSheetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/workflow-instances").WithTags("Workflow instances").RequireAuthorization()
            .MapGet("/{id:guid}/sheet", Get)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("审批单: the run's printable sheet — the project's header (name, company, leader, squad, investment), every step someone took (who, outcome, comment, time, their signature) and a place for the seal. format=html (default; a page with a print stylesheet) or pdf (made on the server, fonts embedded; 503 when the server has no CJK font). lang=zh-CN or en (default: the reader's language). Whoever may read the run: Leader or Admin, or someone who holds a task in it or whose squad serves its project.");
        return app;
    }

    private static readonly string[] Formats = ["html", "pdf"];

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, string? format, string? lang, IDbContextFactory<ButlerDbContext> dbFactory, RunSheets sheets, SheetFonts fonts,
        PeopleNames people, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var kind = format ?? "html";
        if (!Formats.Contains(kind, StringComparer.Ordinal))
        {
            errors.Refuse("format", Failure.OneOf("format", Formats));
        }
        if (lang is not null && !UiText.Languages.Contains(lang))
        {
            errors.Refuse("lang", Failure.OneOf("lang", UiText.Languages));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } run)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.InstanceNotFound(id));
            }
            if (!await RunAccess.MayReadAsync(db, user.ToActor(), run, ct))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.InstanceNoTaskOfYours());
            }
        }
        var family = kind == "pdf" ? fonts.Family() : null;
        if (kind == "pdf" && family is null)
        {
            return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "PDF unavailable", Failure.SheetFontMissing());
        }
        // The sheet speaks the language asked for, else the reader's; the problem details above stay in the caller's.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang ?? Configuration.ReaderLanguages.ReaderLanguage(http));
        var sheet = await sheets.BuildAsync(id, people, ct);
        if (sheet is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.InstanceNotFound(id));
        }
        if (family is not null)
        {
            return TypedResults.File(SheetPdf.Write(sheet, family), "application/pdf", $"{UiText.SheetTitle}-{id.ToString("N")[..8]}.pdf");
        }
        var pdf = $"/api/workflow-instances/{id:D}/sheet?format=pdf&lang={Uri.EscapeDataString(CultureInfo.CurrentUICulture.Name)}";
        return TypedResults.Content(SheetHtml.Write(sheet, pdf), "text/html; charset=utf-8");
    }
}
