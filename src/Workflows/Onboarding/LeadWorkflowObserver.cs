using Butler.Workflows.Calendar;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Onboarding;

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
