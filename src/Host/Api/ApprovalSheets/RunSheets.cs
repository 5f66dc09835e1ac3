using System.Globalization;
using Butler.Host.Api.Instances;
using Butler.Host.Api.Me;
using Butler.Host.Components;
using Butler.Host.Components.People;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// Puts a run's sheet (审批单) together from its journal, in the current UI culture: each completed task, each approver's
/// vote and each move a person made (send back, transfer, delegate, withdraw) is a row, named as the project timeline
/// names it (<see cref="StepTitles"/>), with the person's display name and signature.
/// </summary>
public sealed class RunSheets(IDbContextFactory<ButlerDbContext> dbFactory, Signatures signatures, IOptions<CalendarOptions> calendar, TimeProvider time)
{
    /// <summary>The journal entries that are a person's act on a step, and so a row of the sheet.</summary>
    public static readonly IReadOnlySet<JournalKind> Acts = new HashSet<JournalKind>
    {
        JournalKind.TaskCompleted, JournalKind.ApprovalVoted, JournalKind.TaskReturned, JournalKind.TaskTransferred,
        JournalKind.TaskDelegated, JournalKind.TaskResolved, JournalKind.TaskWithdrawn, JournalKind.InstanceWithdrawn,
        JournalKind.ApprovedBefore, JournalKind.SignersAdded, JournalKind.SignerRemoved, JournalKind.TimedOutAction,
    };

    /// <summary>The run's sheet, or null when there is no such run. Checks no access: see <see cref="RunAccess"/>.</summary>
    public async Task<RunSheet?> BuildAsync(Guid instanceId, PeopleNames people, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (run is null)
        {
            return null;
        }
        await people.LoadAsync(ct);
        var zone = calendar.Value.ResolveTimeZone();
        var version = await db.DefinitionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.DefinitionId == run.DefinitionId && v.Version == run.Version, ct);
        var title = version is not null && DefinitionJson.TryParse(version.Json, out _) is { } definition && definition.Name.Current is { Length: > 0 } name
            ? name : run.DefinitionId;
        var acts = (await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(ct))
            .Where(j => Acts.Contains(j.Kind)).ToList();
        var steps = await StepTitles.LoadAsync(db, [instanceId], ct);
        var signed = await signatures.OfAsync(acts.Select(j => j.Actor).OfType<string>(), ct);
        var rows = acts.Select((j, i) => new SheetStep(i + 1,
            j.Kind == JournalKind.InstanceWithdrawn ? title : steps.Of(instanceId, j.ActivityId),
            j.OnBehalfOf is { Length: > 0 } principal ? UiText.SheetOnBehalfOf(people.Of(j.Actor), people.Of(principal)) : people.Of(j.Actor),
            Outcome(j),
            string.IsNullOrWhiteSpace(j.Comment) ? null : j.Comment,
            Formats.Time(j.At, zone),
            j.Actor is { } actor ? signed.GetValueOrDefault(actor) : null)).ToList();
        return new RunSheet(run.Id, title, UiText.InstanceStatus(run.Status.ToString()), people.Of(run.CreatedBy), Formats.Time(run.CreatedAt, zone),
            run.FinishedAt is { } finished ? Formats.Time(finished, zone) : null, await ProjectAsync(db, run, ct), rows,
            Formats.Time(time.GetUtcNow(), zone), CultureInfo.CurrentUICulture.Name);
    }

    /// <summary>What came of the act, in words: a decision's outcome, an automatic one with what it chose, else the kind of move.</summary>
    private static string Outcome(JournalEntry entry)
    {
        var kind = JournalWords.Of(WireNames.Wire(entry.Kind)).Current;
        return entry.Outcome is not { Length: > 0 } outcome ? kind
            : entry.Kind is JournalKind.TaskCompleted or JournalKind.ApprovalVoted ? OutcomeWords.Of(outcome).Current
            : entry.Kind == JournalKind.TimedOutAction ? kind + UiText.Colon + OutcomeWords.Of(outcome).Current
            : kind;
    }

    private static async Task<SheetProject?> ProjectAsync(ButlerDbContext db, WorkflowInstance run, CancellationToken ct)
    {
        if (RunAccess.ProjectOf(run) is not { } projectId
            || await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct) is not { } project)
        {
            return null;
        }
        var leader = await db.Leaders.AsNoTracking().Where(l => l.Id == project.LeaderId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        var squad = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == project.SquadId, ct);
        return new SheetProject(project.Name, project.Company, leader ?? "", squad?.Name.Current ?? "",
            Formats.Money(project.PlannedInvestment, CultureInfo.CurrentUICulture));
    }
}
