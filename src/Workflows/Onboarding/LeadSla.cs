using System.Text.Json.Nodes;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Onboarding;

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
        var teamLead = teams.OrderBy(t => t.Kind == TeamKind.ServiceSquad).ThenBy(t => t.Name.ZhCn, StringComparer.Ordinal)
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
