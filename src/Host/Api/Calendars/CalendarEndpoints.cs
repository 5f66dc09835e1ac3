using System.Globalization;
using System.Security.Claims;
using Butler.Host.Identity;
using Butler.Workflows.Calendar;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Butler.Workflows.Input;

namespace Butler.Host.Api.Calendars;

/// <summary>The whole editable content of a calendar; <c>revision</c>, when sent, must match the stored one.</summary>
public sealed record SaveCalendarRequest(string? Name, IReadOnlyList<int>? Years, IReadOnlyList<CalendarDayInput>? Days, int? Revision);

public static class CalendarEndpoints
{
    /// <summary>Admins list, read and edit calendars; any signed-in user computes a due time.</summary>
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendars").WithTags("Calendars").RequireAuthorization();
        group.MapGet("/", List).RequireAuthorization(Policies.Admin)
            .WithSummary("Lists the working-day calendars with their published years. Admin only.");
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.Admin)
            .WithSummary("A calendar with its special days (holidays and adjusted working days) and published years. Admin only.");
        group.MapPut("/{id}", Save).RequireAuthorization(Policies.Admin)
            .WithSummary("Creates (201) or replaces (200) a calendar: name, published years and special days; a stale revision is 409. Admin only.");
        group.MapGet("/{id}/due", Due)
            .WithSummary("When a duration (3wd, -1wd, PT4H, P2D) from an instant with offset falls due, and which years had no published arrangement. Any signed-in user.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<CalendarSummary>>, ValidationProblem>> List(
        CalendarService calendars, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return ApiResults.Invalid(errors);
        }
        var all = await calendars.ListAsync(ct);
        var items = all.Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToList();
        return TypedResults.Ok(new PagedList<CalendarSummary>(items, all.Count, page, pageSize));
    }

    private static async Task<Results<Ok<CalendarDocument>, ProblemHttpResult>> Get(string id, CalendarService calendars, CancellationToken ct)
    {
        var calendar = await calendars.ReadAsync(id, ct);
        return calendar is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.CalendarNotFound(id))
            : TypedResults.Ok(calendar);
    }

    private static async Task<Results<Created<CalendarDocument>, Ok<CalendarDocument>, ValidationProblem, ProblemHttpResult>> Save(
        string id, SaveCalendarRequest request, CalendarService calendars, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await calendars.SaveAsync(id, request.Name, request.Days, request.Years, user.Identity?.Name, request.Revision, ct);
        if (!result.IsOk)
        {
            return result.Status switch
            {
                OperationStatus.Invalid => ApiResults.Invalid(result),
                OperationStatus.Conflict => ApiResults.Refusal(result),
                _ => ApiResults.Refusal(result),
            };
        }
        var document = CalendarDocument.From(result.Value!);
        return document.Revision == 1
            ? TypedResults.Created($"/api/calendars/{Uri.EscapeDataString(id)}", document)
            : TypedResults.Ok(document);
    }

    private static async Task<Results<Ok<DueResult>, ValidationProblem, ProblemHttpResult>> Due(
        string id, [FromQuery(Name = "from")] string? from, string? duration, CalendarService calendars, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!TryParseInstant(from, out var start, out var fromError))
        {
            errors.Set("from", fromError!);
        }
        if (!BusinessDuration.TryParse(duration, out var parsed, out var durationProblem))
        {
            errors.Set("duration", Failure.Duration("duration", durationProblem, duration));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var calendar = await calendars.GetAsync(id, ct);
        if (calendar is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.CalendarNotFound(id));
        }
        try
        {
            return TypedResults.Ok(calendar.Add(start, parsed));
        }
        catch (ArgumentOutOfRangeException)
        {
            return ApiResults.Invalid("duration", Failure.BeyondCalendar(parsed.ToString(), from!));
        }
    }

    /// <summary>An ISO 8601 instant that states its offset (<c>Z</c> or <c>+08:00</c>); a bare local time is ambiguous.</summary>
    internal static bool TryParseInstant(string? text, out DateTimeOffset value, out Failure? error)
    {
        value = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = Failure.InstantRequired("from");
            return false;
        }
        // RoundtripKind leaves a time without Z or an offset Unspecified: that is the one we refuse.
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            error = Failure.InstantFormat(text, spaced: text.Contains(' ', StringComparison.Ordinal));
            return false;
        }
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            error = Failure.InstantOffset(text);
            return false;
        }
        return true;
    }
}
