using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Onboarding;

/// <summary>What one run of the weekly dispatch did: <see cref="Ran"/> is false when the week had already run.</summary>
public sealed record DispatchRunResult(DateOnly WeekOf, bool Ran, int Agendas, int Sent, DateTimeOffset RanAt);

/// <summary>A decision taken at a dispatch meeting: which agenda item, what, by whom, by when.</summary>
public sealed record DecisionInput(string? Item, string? Text, string? Assignee, DateTimeOffset? DueAt);

/// <summary>
/// The weekly dispatch (周例会调度): builds one agenda per leader with open projects, stores it and sends it to the
/// leader by e-mail and in-app in one transaction per leader; records decisions taken at the meeting as tasks.
/// A week runs once: leaders already dispatched are skipped, a <see cref="DispatchRun"/> row closes the week, and the
/// unique (leader, week) index and the outbox's dedup keys stop a racing host from sending twice.
/// </summary>
public sealed partial class DispatchService(
    IDbContextFactory<ButlerDbContext> dbFactory,
    WorkflowRunner runner,
    ProjectReadModel readModel,
    CalendarService calendars,
    IUserDirectory users,
    IOutboxSignal outboxSignal,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatchService> logger)
{
    /// <summary>The shipped definition a decision starts.</summary>
    public const string ActionDefinitionId = "dispatch-action";

    public const int MaxText = 2000;
    public const int MaxItem = 100;

    /// <summary>The deployment's time zone, in which weeks begin on Monday.</summary>
    public TimeZoneInfo TimeZone => calendars.TimeZone;

    /// <summary>The dedup key of one leader's agenda mail and notification for one week.</summary>
    public static string DedupKey(Guid leaderId, DateOnly weekOf) =>
        string.Create(CultureInfo.InvariantCulture, $"dispatch:{leaderId:D}:{weekOf:yyyy-MM-dd}");

    /// <summary>The Monday of the current week in the deployment's time zone.</summary>
    public DateOnly CurrentWeek() => DispatchSchedule.WeekOf(time.GetUtcNow(), TimeZone);

    /// <summary>
    /// The recurring job and the start-up check: runs the week of the latest scheduled occurrence at or before now, if
    /// that week has not run. A server that was down for several Mondays thus runs the latest week once, never the weeks
    /// in between. Null when the schedule is off or has never fired.
    /// </summary>
    public async Task<DispatchRunResult?> RunDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            return null;
        }
        var latest = DispatchSchedule.LatestOccurrence(settings.Cron, time.GetUtcNow() + settings.EarlyTolerance, TimeZone);
        if (latest is null)
        {
            return null;
        }
        return await RunWeekAsync(DispatchSchedule.WeekOf(latest.Value, TimeZone), ct);
    }

    /// <summary>Runs the current week now (an administrator's request); a week that already ran is left as it is.</summary>
    public Task<DispatchRunResult> RunCurrentWeekAsync(CancellationToken ct = default) => RunWeekAsync(CurrentWeek(), ct);

    /// <summary>Builds, stores and sends the agendas of a week that has not run; running a week again does nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="weekOf"/> is not a Monday.</exception>
    public async Task<DispatchRunResult> RunWeekAsync(DateOnly weekOf, CancellationToken ct = default)
    {
        if (weekOf.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ArgumentException($"A dispatch week starts on a Monday; {weekOf:yyyy-MM-dd} is a {weekOf.DayOfWeek}.", nameof(weekOf));
        }
        if (await FindRunAsync(weekOf, ct) is { } done)
        {
            return new DispatchRunResult(weekOf, false, done.Agendas, 0, done.RanAt);
        }

        var sent = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var now = time.GetUtcNow();
            var projects = await db.Projects.AsNoTracking().Where(p => p.Closing == null).ToListAsync(ct);
            var leaderIds = projects.Select(p => p.LeaderId).Distinct().ToList();
            var dispatched = await db.Dispatches.AsNoTracking().Where(d => d.WeekOf == weekOf).Select(d => d.LeaderId).ToListAsync(ct);
            var leaders = await db.Leaders.AsNoTracking().Where(l => leaderIds.Contains(l.Id)).ToListAsync(ct);
            leaders = [.. leaders.Where(l => !dispatched.Contains(l.Id)).OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Id)];
            if (leaders.Count > 0)
            {
                var context = await LoadContextAsync(db, projects, now, ct);
                foreach (var leader in leaders)
                {
                    var agenda = BuildAgenda(leader, [.. projects.Where(p => p.LeaderId == leader.Id)], context, weekOf, now);
                    if (await StoreAndSendAsync(agenda, weekOf, context.Chains, now, ct))
                    {
                        sent++;
                    }
                }
            }
        }

        await using var close = await dbFactory.CreateDbContextAsync(ct);
        var agendas = await close.Dispatches.CountAsync(d => d.WeekOf == weekOf, ct);
        var run = new DispatchRun { WeekOf = weekOf, RanAt = time.GetUtcNow(), Agendas = agendas };
        close.DispatchRuns.Add(run);
        try
        {
            await close.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another host closed the week at the same time; the agendas are the same rows either way.
            if (await FindRunAsync(weekOf, ct) is null)
            {
                throw;
            }
        }
        LogWeekRan(weekOf, agendas, sent);
        return new DispatchRunResult(weekOf, true, agendas, sent, run.RanAt);
    }

    /// <summary>
    /// Records a decision against an agenda item and starts the task that carries it out, in one transaction: the
    /// decision row, the run with its task for the assignee due at <see cref="DecisionInput.DueAt"/>, and a ledger line
    /// when the item belongs to a project. Only the dispatch's leader or an administrator may decide.
    /// </summary>
    public async Task<OperationResult<DispatchDecision>> RecordDecisionAsync(Guid dispatchId, DecisionInput input, Actor actor,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dispatch = await db.Dispatches.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dispatchId, ct);
        if (dispatch is null)
        {
            return OperationResult<DispatchDecision>.NotFound(Failure.DispatchNotFound(dispatchId));
        }
        var leader = await db.Leaders.AsNoTracking().FirstAsync(l => l.Id == dispatch.LeaderId, ct);
        if (!actor.IsInRole("Admin") && !string.Equals(actor.UserName, leader.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return OperationResult<DispatchDecision>.Forbidden(Failure.DispatchNotLeader());
        }

        var agenda = DispatchAgenda.FromJson(dispatch.AgendaJson)
            ?? throw new InvalidOperationException($"The agenda of dispatch {dispatchId} cannot be read.");
        var errors = new ValidationErrors();
        var item = input.Item?.Trim();
        if (string.IsNullOrEmpty(item))
        {
            errors.Refuse("item", Failure.ItemRequired("item"));
        }
        else if (item.Length > MaxItem || !agenda.HasItem(item))
        {
            errors.Refuse("item", Failure.NotOnAgenda(item));
        }
        var text = InputRules.Text(input.Text, "text", errors, MaxText, required: true);
        var assignee = await InputRules.UserAsync(users, input.Assignee, "assignee", errors, ct: ct);
        var now = time.GetUtcNow();
        InputRules.Instant(input.DueAt, "dueAt", errors, required: true, after: now);
        if (errors.Count > 0)
        {
            return OperationResult<DispatchDecision>.Invalid(errors);
        }

        var due = input.DueAt!.Value;
        var projectId = agenda.ProjectOf(item!);
        var project = projectId is { } pid ? await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        var decisionId = Guid.CreateVersion7(now);
        var variables = new JsonObject
        {
            ["decision"] = new JsonObject
            {
                ["id"] = decisionId.ToString("D"),
                ["dispatchId"] = dispatch.Id.ToString("D"),
                ["weekOf"] = dispatch.WeekOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["item"] = item,
                ["title"] = Headline(text!),
                ["text"] = text,
                ["assignee"] = assignee,
                ["dueAt"] = due.ToString("O", CultureInfo.InvariantCulture),
                ["leader"] = leader.UserName,
            },
            ["project"] = project is null ? null : new JsonObject
            {
                ["id"] = project.Id.ToString("D"),
                ["name"] = project.Name,
                ["company"] = project.Company,
            },
            ["responsibleLeader"] = leader.UserName,
        };
        var started = await runner.StartAsync(options.Value.ActionDefinitionId, variables, actor, (tx, instance, _) =>
        {
            instance.CorrelationId = project is null ? $"dispatch:{dispatch.Id:D}" : ProjectService.Correlation(project.Id);
            tx.DispatchDecisions.Add(new DispatchDecision
            {
                Id = decisionId,
                DispatchId = dispatch.Id,
                Item = item!,
                Text = text!,
                Assignee = assignee!,
                DueAt = due,
                InstanceId = instance.Id,
                RecordedBy = actor.UserName,
                RecordedAt = instance.CreatedAt,
            });
            if (project is not null)
            {
                ProjectLedger.Add(tx, project.Id, LedgerKind.Dispatch, actor.UserName, instance.CreatedAt, text!, new JsonObject
                {
                    ["dispatchId"] = dispatch.Id.ToString("D"),
                    ["decisionId"] = decisionId.ToString("D"),
                    ["weekOf"] = dispatch.WeekOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["item"] = item,
                    ["assignee"] = assignee,
                    ["dueAt"] = due.ToString("O", CultureInfo.InvariantCulture),
                });
            }
            return Task.CompletedTask;
        }, idempotencyKey, ct);
        if (!started.IsOk)
        {
            return started.As<DispatchDecision>();
        }
        await using var read = await dbFactory.CreateDbContextAsync(ct);
        var decision = await read.DispatchDecisions.AsNoTracking().FirstAsync(d => d.InstanceId == started.Value, ct);
        return OperationResult<DispatchDecision>.Ok(decision) with { WasDuplicate = started.WasDuplicate };
    }

    /// <summary>The first line of a decision, short enough for a task title.</summary>
    private static string Headline(string text)
    {
        var line = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
        return line.Length > 80 ? line[..79] + "…" : line;
    }

    private async Task<DispatchRun?> FindRunAsync(DateOnly weekOf, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DispatchRuns.AsNoTracking().FirstOrDefaultAsync(r => r.WeekOf == weekOf, ct);
    }

    /// <summary>What every agenda of a run reads, loaded once: lights, problems, pending decisions and the calendar.</summary>
    private sealed record AgendaContext(
        Dictionary<Guid, ProjectLight> Lights,
        List<Problem> Problems,
        List<PendingDecision> Decisions,
        Dictionary<Guid, string> ProjectNames,
        Dictionary<string, IndustryChain> Chains,
        WorkingCalendar Calendar);

    /// <summary>A pending approval or an open on-site office, with the users who may act on it.</summary>
    private sealed record PendingDecision(string Item, string Kind, Guid Id, Guid? ProjectId, Butler.Workflows.Activities.LocalizedText Title, DateTimeOffset? DueAt, HashSet<string> People);

    private async Task<AgendaContext> LoadContextAsync(ButlerDbContext db, List<Project> projects, DateTimeOffset now, CancellationToken ct)
    {
        var lights = await readModel.LightsAsync(db, projects, ct);
        var ids = projects.Select(p => p.Id).ToList();
        var problems = await db.Problems.AsNoTracking().Where(p => p.Status == ProblemStatus.Open && ids.Contains(p.ProjectId)).ToListAsync(ct);
        var calendar = await readModel.CalendarAsync(ct);
        var chains = await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);

        var approvals = await (from a in db.Approvals.AsNoTracking()
                               join i in db.Instances.AsNoTracking() on a.InstanceId equals i.Id
                               where a.Status == ApprovalStatus.Pending
                               select new { a.Id, a.Title, a.DueAt, a.ApproversJson, i.CorrelationId }).ToListAsync(ct);
        var offices = await (from w in db.WorkItems.AsNoTracking()
                             join i in db.Instances.AsNoTracking() on w.InstanceId equals i.Id
                             where w.Status == WorkItemStatus.Open && w.Kind == OnSiteOffice.Kind && w.AssigneeUser != null
                             select new { w.Id, w.Title, w.DueAt, w.AssigneeUser, i.CorrelationId }).ToListAsync(ct);

        // Approvers are user or role specs; a role is resolved once per run to the people in it.
        var roleMembers = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        var decisions = new List<PendingDecision>();
        foreach (var a in approvals)
        {
            var people = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var spec in JsonSerializer.Deserialize<RecipientSpec[]>(a.ApproversJson, DefinitionJson.Options) ?? [])
            {
                if (spec.User is { Length: > 0 } user)
                {
                    people.Add(user);
                }
                if (spec.Role is { Length: > 0 } role)
                {
                    if (!roleMembers.TryGetValue(role, out var members))
                    {
                        members = new HashSet<string>((await users.ResolveAsync([new RecipientSpec(null, role)], ct)).Select(r => r.UserName),
                            StringComparer.OrdinalIgnoreCase);
                        roleMembers[role] = members;
                    }
                    people.UnionWith(members);
                }
            }
            decisions.Add(new PendingDecision(AgendaItems.Approval(a.Id), "approval", a.Id, ProjectIdOf(a.CorrelationId), a.Title, a.DueAt, people));
        }
        foreach (var o in offices)
        {
            decisions.Add(new PendingDecision(AgendaItems.Task(o.Id), "onSiteOffice", o.Id, ProjectIdOf(o.CorrelationId), o.Title, o.DueAt,
                new HashSet<string>([o.AssigneeUser!], StringComparer.OrdinalIgnoreCase)));
        }

        var names = projects.ToDictionary(p => p.Id, p => p.Name);
        var others = decisions.Where(d => d.ProjectId is { } id && !names.ContainsKey(id)).Select(d => d.ProjectId!.Value).Distinct().ToList();
        if (others.Count > 0)
        {
            foreach (var p in await db.Projects.AsNoTracking().Where(p => others.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            {
                names[p.Id] = p.Name;
            }
        }
        return new AgendaContext(lights, problems, decisions, names, chains, calendar);
    }

    private DispatchAgenda BuildAgenda(Leader leader, List<Project> projects, AgendaContext context, DateOnly weekOf, DateTimeOffset now)
    {
        var zone = TimeZone;
        DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);
        static string Wire(Enum value) => WireNames.Camel(value.ToString());

        var agendaProjects = projects
            .Select(p => (Project: p, Light: context.Lights[p.Id]))
            .OrderByDescending(x => x.Light.Light).ThenBy(x => x.Project.Name, StringComparer.Ordinal).ThenBy(x => x.Project.Id)
            .Select(x => new AgendaProject(AgendaItems.Project(x.Project.Id), x.Project.Id, x.Project.Name, x.Project.Company, x.Project.ChainCode,
                Wire(x.Project.Stage), Wire(x.Light.Light),
                [.. x.Light.Reasons.Select(r => new AgendaReason(Wire(r.Light), r.Code, r.Subject, r.WorkingDaysLate))]))
            .ToList();
        var items = agendaProjects
            .SelectMany(p => p.Reasons.Select(r => new AgendaLightItem(p.Item, p.Id, p.Name, r.Light, r.Code, r.Subject, r.WorkingDaysLate)))
            .OrderBy(i => i.Light == "red" ? 0 : 1).ThenByDescending(i => i.WorkingDaysLate ?? 0).ThenBy(i => i.ProjectName, StringComparer.Ordinal)
            .ToList();
        var names = projects.ToDictionary(p => p.Id, p => p.Name);
        var problems = context.Problems.Where(p => names.ContainsKey(p.ProjectId))
            .OrderBy(p => p.DueAt).ThenBy(p => p.Id)
            .Select(p => new AgendaProblem(AgendaItems.Problem(p.Id), p.Id, p.ProjectId, names[p.ProjectId], Wire(p.Kind), p.Title, p.Owner,
                Local(p.DueAt), context.Calendar.WorkingDaysLate(p.DueAt, now)))
            .ToList();
        var decisions = context.Decisions.Where(d => d.People.Contains(leader.UserName))
            .OrderBy(d => d.DueAt ?? DateTimeOffset.MaxValue).ThenBy(d => d.Id)
            .Select(d => new AgendaDecisionDue(d.Item, d.Kind, d.Id, d.ProjectId,
                d.ProjectId is { } id ? context.ProjectNames.GetValueOrDefault(id) : null, d.Title,
                d.DueAt is { } due ? Local(due) : null, d.DueAt is { } late ? context.Calendar.WorkingDaysLate(late, now) : 0))
            .ToList();
        return new DispatchAgenda(DispatchAgenda.CurrentVersion, weekOf, Local(now),
            new AgendaLeader(leader.Id, leader.UserName, leader.Name, leader.Title), agendaProjects, items, problems, decisions);
    }

    /// <summary>Stores the agenda and writes its mail and notification in one transaction; false when the leader already has one this week.</summary>
    private async Task<bool> StoreAndSendAsync(DispatchAgenda agenda, DateOnly weekOf, IReadOnlyDictionary<string, IndustryChain> chains,
        DateTimeOffset now, CancellationToken ct)
    {
        var leaderId = agenda.Leader.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Dispatches.AnyAsync(d => d.LeaderId == leaderId && d.WeekOf == weekOf, ct))
        {
            return false;
        }
        var dispatch = new Dispatch
        {
            Id = Guid.CreateVersion7(now),
            LeaderId = leaderId,
            WeekOf = weekOf,
            CreatedAt = now,
            AgendaJson = agenda.ToJson(),
        };
        db.Dispatches.Add(dispatch);
        var mail = new DispatchMail(TimeZone);
        // The agenda keeps owners' user names (clients look people up by them); the mail names them as people know them.
        var owners = agenda.Problems.Select(p => p.Owner).Where(o => !string.IsNullOrEmpty(o)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var shown = (await users.ResolveAsync([.. owners.Select(o => new RecipientSpec(o, null))], ct))
            .Where(r => !string.IsNullOrWhiteSpace(r.DisplayName))
            .ToDictionary(r => r.UserName, r => r.DisplayName!, StringComparer.OrdinalIgnoreCase);
        var readable = agenda with { Problems = [.. agenda.Problems.Select(p => shown.TryGetValue(p.Owner, out var name) ? p with { Owner = name } : p)] };
        foreach (var recipient in await users.ResolveAsync([new RecipientSpec(agenda.Leader.UserName, null)], ct))
        {
            await OutboxWriter.AddRenderedAsync(db, recipient, DispatchMail.NotificationKind, mail.Render(readable, recipient.Language, chains),
                DedupKey(leaderId, weekOf), now, $"/api/dispatches/{dispatch.Id:D}", ct: ct);
        }
        var messages = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToList();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await HasDispatchAsync(leaderId, weekOf, ct))
            {
                throw;
            }
            // A racing host stored this leader's agenda first: its transaction carried the mail, this one is dropped whole.
            LogRaced(leaderId, weekOf);
            return false;
        }
        if (messages.Count > 0)
        {
            try
            {
                outboxSignal.MessagesWritten(messages);
            }
#pragma warning disable CA1031 // The messages are committed; the outbox sweep delivers them later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSignalFailed(ex);
            }
        }
        return true;
    }

    private async Task<bool> HasDispatchAsync(Guid leaderId, DateOnly weekOf, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Dispatches.AnyAsync(d => d.LeaderId == leaderId && d.WeekOf == weekOf, ct);
    }

    private static Guid? ProjectIdOf(string? correlation) =>
        correlation is not null && correlation.StartsWith("project:", StringComparison.Ordinal)
            && Guid.TryParse(correlation.AsSpan("project:".Length), out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly dispatch of {WeekOf}: {Agendas} agenda(s), {Sent} sent by this run")]
    private partial void LogWeekRan(DateOnly weekOf, int agendas, int sent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another host stored the dispatch of leader {LeaderId} for {WeekOf} first; nothing more is sent")]
    private partial void LogRaced(Guid leaderId, DateOnly weekOf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mailer could not be woken for a dispatch agenda; the outbox sweep will deliver it")]
    private partial void LogSignalFailed(Exception error);
}
