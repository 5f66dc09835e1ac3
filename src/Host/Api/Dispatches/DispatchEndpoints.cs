using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Butler.Host.Api.Idempotency;
using Butler.Host.Identity;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Butler.Workflows.Input;

namespace Butler.Host.Api.Dispatches;

public static class DispatchEndpoints
{
    /// <summary>
    /// Weekly dispatch agendas (周例会调度): leaders read their own and record decisions against them, administrators
    /// read all and may run the current week.
    /// </summary>
    public static IEndpointRouteBuilder MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dispatches").WithTags("Dispatches").RequireAuthorization(Policies.LeaderOrAdmin);
        group.MapGet("/", List)
            .WithSummary("Weekly dispatch agendas, newest week first, then by leader name; filters leaderId and week (any day of it, yyyy-MM-dd). A Leader sees their own (another leader's id is 403), an Admin all.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("One agenda (projects, red and yellow items, open problems, decisions due) with the decisions recorded against it and their tasks. Its Leader or an Admin.");
        group.MapPost("/{id:guid}/decisions", RecordDecision)
            .WithSummary("Records a decision against an agenda item; it becomes a task for the assignee due at dueAt, with a reminder and escalation to the leader. The agenda's Leader or an Admin. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/run", Run).RequireAuthorization(Policies.Admin)
            .WithSummary("Runs the current week's dispatch now: builds, stores and sends every leader's agenda. A week that already ran is left as it is (alreadyRan). Admin only.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<DispatchSummaryView>>, ValidationProblem, ProblemHttpResult>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, Guid? leaderId, string? week,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        DateOnly? weekOf = null;
        if (!string.IsNullOrWhiteSpace(week))
        {
            if (DateOnly.TryParseExact(week.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                weekOf = DispatchSchedule.WeekOf(day);
            }
            else
            {
                errors.Refuse("week", Failure.Week("week"));
            }
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = user.ToActor();
        if (!actor.IsInRole(Roles.Admin) && leaderId is { } wanted && !(await DispatchQueries.MyLeaderIdsAsync(db, actor, ct)).Contains(wanted))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.AgendaNotYours());
        }
        var query = await DispatchQueries.VisibleAsync(db, actor, ct);
        if (leaderId is { } id)
        {
            query = query.Where(d => d.LeaderId == id);
        }
        if (weekOf is { } w)
        {
            query = query.Where(d => d.WeekOf == w);
        }
        var total = await query.CountAsync(ct);
        var found = await (from d in query
                           join l in db.Leaders.AsNoTracking() on d.LeaderId equals l.Id
                           orderby d.WeekOf descending, l.Name, d.Id
                           select new { Dispatch = d, Leader = l })
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        var rows = found.Select(x => x.Dispatch).ToList();
        var leaders = found.Select(x => x.Leader).DistinctBy(l => l.Id).ToDictionary(l => l.Id);
        var ids = rows.Select(d => d.Id).ToList();
        var decisions = await db.DispatchDecisions.AsNoTracking().Where(d => ids.Contains(d.DispatchId))
            .GroupBy(d => d.DispatchId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var items = rows.Select(d => DispatchSummaryView.From(d, leaders[d.LeaderId], Agenda(d), decisions.GetValueOrDefault(d.Id))).ToList();
        return TypedResults.Ok(new PagedList<DispatchSummaryView>(items, total, page, pageSize));
    }

    private static async Task<Results<Ok<DispatchDetailView>, ProblemHttpResult>> Get(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dispatch = await db.Dispatches.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dispatch is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.DispatchNotFound(id));
        }
        var leader = await db.Leaders.AsNoTracking().FirstAsync(l => l.Id == dispatch.LeaderId, ct);
        var actor = user.ToActor();
        if (!actor.IsInRole(Roles.Admin) && leader.UserName != actor.UserName)
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.AgendaNotYours());
        }
        var decisions = await db.DispatchDecisions.AsNoTracking().Where(d => d.DispatchId == id).ToListAsync(ct);
        var instances = decisions.Where(d => d.InstanceId is not null).Select(d => d.InstanceId!.Value).ToList();
        var tasks = await db.WorkItems.AsNoTracking()
            .Where(w => instances.Contains(w.InstanceId) && w.Kind == WorkItemKinds.Task).ToListAsync(ct);
        var now = time.GetUtcNow();
        var views = decisions.OrderBy(d => d.RecordedAt).ThenBy(d => d.Id)
            .Select(d => DecisionView.From(d, TaskOf(tasks, d.InstanceId), now)).ToList();
        return TypedResults.Ok(new DispatchDetailView(dispatch.Id, new DispatchLeaderView(leader.Id, leader.UserName, leader.Name),
            dispatch.WeekOf, dispatch.CreatedAt, JsonNode.Parse(dispatch.AgendaJson), views));
    }

    private static async Task<Results<Created<DecisionView>, Ok<DecisionView>, ValidationProblem, ProblemHttpResult>> RecordDecision(
        Guid id, RecordDecisionRequest request, DispatchService dispatches, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var result = await dispatches.RecordDecisionAsync(id, new DecisionInput(request.Item, request.Text, request.Assignee, request.DueAt),
            user.ToActor(), http.IdempotencyKeyOf(), ct);
        if (!result.IsOk)
        {
            return result.Status switch
            {
                OperationStatus.Invalid => ApiResults.Invalid(result),
                OperationStatus.NotFound => ApiResults.Refusal(result),
                OperationStatus.Forbidden => ApiResults.Refusal(result),
                _ => ApiResults.Refusal(result),
            };
        }
        var decision = result.Value!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = decision.InstanceId is { } instance
            ? await db.WorkItems.AsNoTracking().Where(w => w.InstanceId == instance && w.Kind == WorkItemKinds.Task).ToListAsync(ct)
            : [];
        var view = DecisionView.From(decision, TaskOf(tasks, decision.InstanceId), time.GetUtcNow());
        // A repeated Idempotency-Key answers with the decision recorded the first time.
        return result.WasDuplicate ? TypedResults.Ok(view) : TypedResults.Created($"/api/dispatches/{id:D}", view);
    }

    private static async Task<Ok<DispatchRunView>> Run(DispatchService dispatches, CancellationToken ct) =>
        TypedResults.Ok(DispatchRunView.From(await dispatches.RunCurrentWeekAsync(ct)));

    /// <summary>The decision's task: the open one if there is one, else the last one.</summary>
    private static WorkItem? TaskOf(List<WorkItem> tasks, Guid? instanceId) =>
        instanceId is not { } id ? null
        : tasks.Where(t => t.InstanceId == id).OrderBy(t => t.Status == WorkItemStatus.Open ? 1 : 0).ThenBy(t => t.CreatedAt).LastOrDefault();

    private static DispatchAgenda Agenda(Dispatch d) =>
        DispatchAgenda.FromJson(d.AgendaJson) ?? throw new InvalidOperationException($"The agenda of dispatch {d.Id} cannot be read.");
}
