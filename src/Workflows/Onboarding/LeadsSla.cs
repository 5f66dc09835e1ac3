using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Onboarding;

/// <summary>How long the owner of a new lead has to respond and then to assess it; the host binds them from <c>Butler:Onboarding</c>.</summary>
public sealed class LeadSlaOptions
{
    /// <summary>Working days (<c>1wd</c>) or ISO 8601 time (<c>PT4H</c>) from the lead's creation to the response.</summary>
    public string RespondWithin { get; set; } = "1wd";

    /// <summary>Working days or ISO 8601 time from the response to the assessment.</summary>
    public string AssessWithin { get; set; } = "3wd";
}

/// <summary>Moves the lead of this run to a status (assessed, deep negotiation, signed, dropped) and stamps the day.</summary>
public sealed class LeadStatusActivity : Activity
{
    public const string EventName = "lead.status";

    public static readonly ActivityInput<string?> Status = ActivityInput.String(
        new InputDescriptor("status", InputType.Choice, true, T("Status", "状态"),
            T("assessed, deepNegotiation, signed or dropped.", "已研判、深度洽谈、已签约或已放弃。"))
        {
            Options = [.. Enum.GetValues<LeadStatus>().Where(s => s != LeadStatus.New).Select(WireNames.Wire)],
        });

    public override ActivityDescriptor Descriptor { get; } = new(
        "SetLeadStatus", T("Set lead status", "设置线索状态"),
        T("Moves the lead of this run to a status and stamps the day; a lead already further along stays where it is.",
          "将本流程所属线索推进到某一状态并记录日期；已推进更远的线索保持不变。"),
        "Onboarding", "flag",
        [Status.Descriptor],
        [Done]);

    public override ActivityResult Execute(ActivityContext context)
    {
        var status = Status.Read(context);
        if (!WireNames.TryParse<LeadStatus>(status, out var value) || value == LeadStatus.New)
        {
            return ActivityResult.Fault($"'{status}' is not a status a lead can be moved to.");
        }
        context.Raise(EventName, new JsonObject { ["status"] = WireNames.Wire(value) });
        return ActivityResult.Complete(Done);
    }
}

/// <summary>Keeps a lead in step with its SLA run: status events move the lead inside the run's transaction.</summary>
public sealed class LeadWorkflowObserver(IOptions<CalendarOptions> calendar) : IWorkflowObserver
{
    private readonly Lazy<TimeZoneInfo> _zone = new(() => calendar.Value.ResolveTimeZone());

    public async Task BeforeCommitAsync(ButlerDbContext db, WorkflowCommit commit, CancellationToken ct)
    {
        var moves = commit.Events.Where(e => e.Name == LeadStatusActivity.EventName).ToList();
        if (moves.Count == 0 || LeadSla.LeadIdOf(commit.Variables) is not { } leadId)
        {
            return;
        }
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return;
        }
        var changed = false;
        foreach (var e in moves)
        {
            // A lead someone already moved further by hand keeps its status: the run never moves a lead backwards.
            if (e.Payload?["status"]?.GetValue<string>() is { } text && WireNames.TryParse<LeadStatus>(text, out var status)
                && LeadProgress.CanMove(lead.Status, status))
            {
                changed |= LeadProgress.Move(lead, status, LeadProgress.DayOf(commit.Now, _zone.Value), commit.Now);
            }
        }
        if (changed)
        {
            lead.Revision++;
        }
    }
}

/// <summary>
/// Runs the lead SLA (<c>lead-sla</c>): starts it for a new lead, tells it when the lead moved on by hand, and follows
/// a change of owner. See docs/decisions/007-lead-sla-follows-the-lead.md.
/// </summary>
public sealed partial class LeadSla(
    WorkflowRunner runner,
    IDbContextFactory<ButlerDbContext> dbFactory,
    IOptions<LeadSlaOptions> options,
    ILogger<LeadSla> logger)
{
    public const string DefinitionId = "lead-sla";

    /// <summary>The signal the SLA waits for beside its tasks: the lead left <c>new</c> without its assess task.</summary>
    public const string ProgressedSignal = "leadProgressed";

    private const int MaxAttempts = 5;

    /// <summary>The lead a run belongs to: the variable <c>lead.id</c>.</summary>
    public static Guid? LeadIdOf(JsonObject variables) =>
        variables["lead"] is JsonObject l && l["id"] is JsonValue v && v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var id) ? id : null;

    /// <summary>
    /// Stores a new lead and starts its SLA in the same transaction (the run's correlation is <c>lead:{id}</c>). When
    /// the SLA cannot start (its definition has no published version), the lead is stored without one and the reason
    /// logged: a lead is never lost for want of reminders.
    /// </summary>
    /// <param name="newLead">Makes the lead to store, status new, with its id set; called again if a lost race is retried.</param>
    public async Task<Lead> CreateAsync(Func<Lead> newLead, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(newLead);
        var lead = newLead();
        (string? TeamLead, string? ResponsibleLeader) people;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            people = await PeopleAsync(db, lead, ct);
        }
        var input = new JsonObject
        {
            ["lead"] = LeadVariable(lead),
            ["teamLead"] = people.TeamLead,
            ["responsibleLeader"] = people.ResponsibleLeader,
            ["respondWithin"] = options.Value.RespondWithin,
            ["assessWithin"] = options.Value.AssessWithin,
        };
        var started = await runner.StartAsync(DefinitionId, input, actor, (db, instance, _) =>
        {
            instance.CorrelationId = CorrelationOf(lead.Id);
            var row = newLead();
            row.SlaInstanceId = instance.Id;
            db.Leads.Add(row);
            return Task.CompletedTask;
        }, $"lead-sla:{lead.Id:N}", ct);
        if (started.IsOk)
        {
            lead.SlaInstanceId = started.Value;
            return lead;
        }
        LogNotStarted(lead.Id, started.Message ?? string.Join("; ", started.Errors?.SelectMany(e => e.Value) ?? []));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync(ct);
        }
        return lead;
    }

    /// <summary>The correlation id of a lead's runs.</summary>
    public static string CorrelationOf(Guid leadId) => $"lead:{leadId:D}";

    /// <summary>
    /// After a lead was edited by hand: once it has left <c>new</c>, the SLA is told and ends, cancelling the tasks it
    /// still had open; while it is new, the run follows a new owner, company or chain.
    /// </summary>
    public async Task FollowAsync(Lead lead, string previousOwner, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.SlaInstanceId is not { } instanceId)
        {
            return;
        }
        if (lead.Status != LeadStatus.New)
        {
            var signalled = await runner.SignalAsync(instanceId, ProgressedSignal,
                new JsonObject { ["status"] = WireNames.Wire(lead.Status) }, actor, $"lead-progressed:{instanceId:N}", ct);
            // 404/409: the run is gone, finished or no longer waiting — nothing is left to stop.
            if (!signalled.IsOk && signalled.Status is not (OperationStatus.NotFound or OperationStatus.Conflict))
            {
                LogNotSignalled(lead.Id, signalled.Message ?? signalled.Status.ToString());
            }
            return;
        }
        await RefreshAsync(lead.Id, instanceId, previousOwner, actor, ct);
    }

    /// <summary>Rewrites the run's view of the lead and moves its open tasks from the previous owner to the new one.</summary>
    private async Task RefreshAsync(Guid leadId, Guid instanceId, string previousOwner, Actor actor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == leadId, ct);
            var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);
            if (lead is null || instance is null || instance.Status != WorkflowStatus.Running)
            {
                return;
            }
            var people = await PeopleAsync(db, lead, ct);
            var variables = JsonNode.Parse(instance.VariablesJson) as JsonObject ?? [];
            var before = variables.ToJsonString();
            variables["lead"] = LeadVariable(lead);
            variables["teamLead"] = people.TeamLead;
            variables["responsibleLeader"] = people.ResponsibleLeader;
            var now = instance.UpdatedAt;
            var moved = string.Equals(previousOwner, lead.Owner, StringComparison.Ordinal)
                ? []
                : await db.WorkItems.Where(w => w.InstanceId == instanceId && w.Status == WorkItemStatus.Open
                    && w.Kind == WorkItemKinds.Task && w.AssigneeUser == previousOwner).ToListAsync(ct);
            if (moved.Count == 0 && variables.ToJsonString() == before)
            {
                return;
            }
            foreach (var task in moved)
            {
                task.AssigneeUser = lead.Owner;
                task.AssigneeRole = null;
                db.Journal.Add(new JournalEntry
                {
                    Id = Guid.CreateVersion7(lead.UpdatedAt),
                    InstanceId = instanceId,
                    Sequence = ++instance.JournalCount,
                    At = lead.UpdatedAt,
                    Kind = JournalKind.TaskReassigned,
                    ActivityId = task.ActivityId,
                    ActivityType = "HumanTask",
                    Actor = actor.UserName,
                    Detail = $"to {lead.Owner} (the lead's owner changed)",
                });
            }
            instance.VariablesJson = variables.ToJsonString();
            instance.UpdatedAt = lead.UpdatedAt > now ? lead.UpdatedAt : now;
            instance.Revision++;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // The run took a stimulus meanwhile (or a sequence clashed): reload and apply again.
            }
        }
    }

    private static JsonObject LeadVariable(Lead lead) => new()
    {
        ["id"] = lead.Id.ToString("D"),
        ["company"] = lead.Company,
        ["owner"] = lead.Owner,
        ["chain"] = lead.ChainCode,
        ["receivedOn"] = lead.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Who hears of an overdue step: the lead of a team the owner belongs to (outposts and town squads first), else
    /// the leader who owns the lead's chain; and that leader as the responsible leader.
    /// </summary>
    private static async Task<(string? TeamLead, string? ResponsibleLeader)> PeopleAsync(ButlerDbContext db, Lead lead, CancellationToken ct)
    {
        var owner = lead.Owner;
        var teams = await db.Teams.AsNoTracking()
            .Where(t => t.LeadUserName != null && t.LeadUserName != owner && t.Members.Any(m => m.UserName == owner))
            .Select(t => new { t.Kind, t.Name, t.LeadUserName })
            .ToListAsync(ct);
        var teamLead = teams.OrderBy(t => t.Kind == TeamKind.ServiceSquad).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => t.LeadUserName).FirstOrDefault();
        var leaders = await db.Leaders.AsNoTracking().OrderBy(l => l.CreatedAt).ToListAsync(ct);
        var responsible = leaders.FirstOrDefault(l => l.Chains.Contains(lead.ChainCode, StringComparer.Ordinal))?.UserName;
        return (teamLead ?? responsible, responsible);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SLA of lead {LeadId} did not start: {Reason}")]
    private partial void LogNotStarted(Guid leadId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SLA of lead {LeadId} was not told the lead moved on: {Reason}")]
    private partial void LogNotSignalled(Guid leadId, string reason);
}
