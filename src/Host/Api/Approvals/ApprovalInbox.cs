using System.Text.Json;
using Butler.Host.Identity;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Approvals;

/// <summary>The project an approval's run belongs to.</summary>
public sealed record ApprovalProject(Guid Id, string Name, string Company);

/// <summary>A note about the escalated task: who wrote it, when, what.</summary>
public sealed record ApprovalNote(string Author, DateTimeOffset At, string Text);

/// <summary>A leader's decision as the approvals page submits it to <c>WorkflowRunner.DecideAsync</c>.</summary>
public sealed record ApprovalDecision(Guid ApprovalId, string Outcome, string? Comment, DateTimeOffset? NewDue, string? ReassignTo);

/// <summary>A person a task may be reassigned to.</summary>
public sealed record UserChoice(string UserName, string DisplayName);

/// <summary>
/// An approval as a leader's card shows it: the API view plus why it escalated (the project, how many working days the
/// escalated task is overdue) and the squad's notes on that task.
/// </summary>
/// <remarks><c>Assignee</c> names the escalated task's assignee: the user, the team's name for a team role, else the role.</remarks>
public sealed record ApprovalCardModel(ApprovalView Approval, ApprovalProject? Project, string? Assignee, int? WorkingDaysOverdue, IReadOnlyList<ApprovalNote> Notes);

/// <summary>
/// Which approvals are a person's: pending ones they may decide (named, or through one of their roles) and decided ones
/// they voted on. <c>GET /api/approvals</c>, the approvals page and the navigation badge all read through here.
/// </summary>
public sealed class ApprovalInbox(IDbContextFactory<ButlerDbContext> dbFactory, ProjectReadModel projects, UserManager<ButlerUser> users, TimeProvider time)
{
    public const string Pending = "pending";
    public const string Decided = "decided";

    /// <summary>The most cards the page shows at once; the oldest pending come first.</summary>
    public const int MaxCards = 100;

    /// <summary>A page of the actor's approvals in the API's shape, oldest first; <paramref name="status"/> is pending (default) or decided.</summary>
    public async Task<PagedList<ApprovalView>> ListAsync(Actor actor, string? status, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (approvals, total) = await PageAsync(db, actor, status, page, pageSize, ct);
        var now = time.GetUtcNow();
        var views = new List<ApprovalView>(approvals.Count);
        foreach (var approval in approvals)
        {
            var view = await ApprovalEndpoints.ViewAsync(db, approval, now, ct);
            views.Add(view with { OnBehalfOf = status == Decided ? null : Proxies.ProxySeats.PrincipalOf(view, actor) });
        }
        return new PagedList<ApprovalView>(views, total, page, pageSize);
    }

    /// <summary>How many approvals wait for the actor's decision: the navigation badge.</summary>
    public async Task<int> PendingCountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (await PendingQueryAsync(db, actor, ct)).CountAsync(ct);
    }

    /// <summary>The first <see cref="MaxCards"/> of the actor's approvals with the project, overdue days and notes, and how many there are.</summary>
    public async Task<(IReadOnlyList<ApprovalCardModel> Cards, int Total)> CardsAsync(Actor actor, string status, CancellationToken ct = default)
    {
        var list = await ListAsync(actor, status, 1, MaxCards, ct);
        return list.Items.Count == 0 ? ([], list.Total) : (await CardsOfAsync(list.Items, ct), list.Total);
    }

    /// <summary>One approval as its card shows it, read only (a copy's reader sees it so), or null when there is none.</summary>
    public async Task<ApprovalCardModel?> CardAsync(Guid approvalId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await db.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == approvalId, ct);
        return approval is null ? null : (await CardsOfAsync([await ApprovalEndpoints.ViewAsync(db, approval, time.GetUtcNow(), ct)], ct))[0];
    }

    private async Task<List<ApprovalCardModel>> CardsOfAsync(IReadOnlyList<ApprovalView> items, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var instanceIds = items.Select(a => a.InstanceId).Distinct().ToList();
        var correlations = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.CorrelationId }).ToDictionaryAsync(i => i.Id, i => ProjectService.ProjectIdOf(i.CorrelationId), ct);
        var projectIds = correlations.Values.OfType<Guid>().Distinct().ToList();
        var projectRows = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new ApprovalProject(p.Id, p.Name, p.Company)).ToDictionaryAsync(p => p.Id, ct);
        var notes = await NotesAsync(db, items, ct);
        var teamIds = items.Select(a => a.EscalatedTask?.AssigneeRole).OfType<string>()
            .Where(r => r.StartsWith(Team.RolePrefix, StringComparison.OrdinalIgnoreCase))
            .Select(r => Guid.TryParse(r.AsSpan(Team.RolePrefix.Length), out var id) ? id : Guid.Empty).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.RoleName, t => t.Name.Current, StringComparer.OrdinalIgnoreCase, ct);
        var calendar = await projects.CalendarAsync(ct);
        var now = time.GetUtcNow();
        var cards = items.Select(a => new ApprovalCardModel(a,
            correlations.GetValueOrDefault(a.InstanceId) is { } projectId ? projectRows.GetValueOrDefault(projectId) : null,
            a.EscalatedTask is { } assigned ? assigned.AssigneeUser ?? (assigned.AssigneeRole is { } role ? teams.GetValueOrDefault(role, role) : null) : null,
            a.EscalatedTask is { } task ? WorkingDaysOverdue(calendar, task.DueAt, now) : null,
            notes.GetValueOrDefault(a.Id) ?? [])).ToList();
        return cards;
    }

    /// <summary>
    /// Whole working days a task due at <paramref name="due"/> is late at <paramref name="now"/>, counted in the working
    /// calendar from the day after it fell due (weekends and holidays do not count, adjusted working days do); 0 when it is
    /// late by less than a working day or not at all, null when it has no due time.
    /// </summary>
    public static int? WorkingDaysOverdue(WorkingCalendar calendar, DateTimeOffset? due, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return due is { } value ? calendar.WorkingDaysLate(value, now) : null;
    }

    /// <summary>The people a task may be reassigned to: every user holding a Butler role, by display name.</summary>
    public async Task<IReadOnlyList<UserChoice>> AssigneesAsync()
    {
        var found = new Dictionary<string, UserChoice>(StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        foreach (var role in Roles.All)
        {
            foreach (var user in await users.GetUsersInRoleAsync(role))
            {
                // A locked account takes no new work: it is not offered.
                if (user.UserName is { } name && !(user.LockoutEnd is { } end && end > now))
                {
                    found.TryAdd(name, new UserChoice(name, string.IsNullOrWhiteSpace(user.DisplayName) ? name : user.DisplayName));
                }
            }
        }
        return [.. found.Values.OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ThenBy(u => u.UserName, StringComparer.Ordinal)];
    }

    private static async Task<(List<Approval> Approvals, int Total)> PageAsync(ButlerDbContext db, Actor actor, string? status, int page, int pageSize, CancellationToken ct)
    {
        IQueryable<Approval> query;
        if (status == Decided)
        {
            var name = actor.UserName;
            // A vote cast as someone's proxy (代理人) is in their seat, and among what the proxy decided.
            var voted = db.ApprovalVotes.Where(v => v.Approver == name || v.CastBy == name).Select(v => v.ApprovalId);
            query = db.Approvals.AsNoTracking().Where(a => a.Status == ApprovalStatus.Decided && voted.Contains(a.Id));
        }
        else
        {
            query = await PendingQueryAsync(db, actor, ct);
        }
        var total = await query.CountAsync(ct);
        var ordered = status == Decided
            ? query.OrderByDescending(a => a.DecidedAt).ThenBy(a => a.Id)
            : query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id);
        var approvals = await ordered.Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return (approvals, total);
    }

    private static async Task<IQueryable<Approval>> PendingQueryAsync(ButlerDbContext db, Actor actor, CancellationToken ct)
    {
        // Approvers are stored as JSON specs and pending approvals are few, so they are matched in memory; of those the
        // actor is on, only the ones waiting for them now count (依次审批: their turn; not yet voted).
        var patterns = actor.Roles.Select(r => JsonSerializer.Serialize(new RecipientSpec(null, r), DefinitionJson.Options))
            .Append(JsonSerializer.Serialize(new RecipientSpec(actor.UserName, null), DefinitionJson.Options))
            // 代理人: the approvals of the people the actor stands in for, by name.
            .Concat(actor.Represents.Select(r => JsonSerializer.Serialize(new RecipientSpec(r, null), DefinitionJson.Options))).ToList();
        var signers = actor.Represents.Prepend(actor.UserName).Select(u => $"\"user\":{JsonSerializer.Serialize(u, DefinitionJson.Options)}").ToList();
        var query = db.Approvals.AsNoTracking().Where(a => a.Status == ApprovalStatus.Pending);
        var candidates = await query.ToListAsync(ct);
        var onIt = candidates.Where(c => patterns.Any(p => c.ApproversJson.Contains(p, StringComparison.OrdinalIgnoreCase))
            || signers.Any(signer => c.SignersJson.Contains(signer, StringComparison.OrdinalIgnoreCase))).ToList();
        var onItIds = onIt.Select(c => c.Id).ToList();
        var votes = (await db.ApprovalVotes.AsNoTracking().Where(v => onItIds.Contains(v.ApprovalId)).ToListAsync(ct)).ToLookup(v => v.ApprovalId);
        // Waiting for the reader while the seat they would take is free (not voted, also a role's seat) and its turn; for a
        // proxy (代理人) that seat may be their principal's.
        var ids = onIt.Where(c => votes[c.Id].ToList() is var cast && c.SeatOf(actor, cast) is { } seat
            && c.NotYet(Approval.SeatHolder(actor, seat), cast) is null).Select(c => c.Id).ToList();
        return query.Where(a => ids.Contains(a.Id));
    }

    /// <summary>
    /// The squad's notes on each escalated task, with the comments written in the journal on its activity (completions and
    /// votes of earlier rounds), oldest first.
    /// </summary>
    private static async Task<Dictionary<Guid, List<ApprovalNote>>> NotesAsync(ButlerDbContext db, IReadOnlyList<ApprovalView> approvals, CancellationToken ct)
    {
        var escalations = approvals.Where(a => a.EscalatedTask is not null).ToList();
        var result = new Dictionary<Guid, List<ApprovalNote>>();
        if (escalations.Count == 0)
        {
            return result;
        }
        var instanceIds = escalations.Select(a => a.InstanceId).Distinct().ToList();
        var entries = await db.Journal.AsNoTracking()
            .Where(j => instanceIds.Contains(j.InstanceId) && j.Comment != null && j.Comment != "" && j.Kind != JournalKind.ApprovalDecided)
            .OrderBy(j => j.Sequence)
            .Select(j => new { j.InstanceId, j.ActivityId, j.Actor, j.At, j.Comment, j.Kind, j.Detail })
            .ToListAsync(ct);
        var taskIds = escalations.Select(a => a.EscalatedTask!.Id).Distinct().ToList();
        var taskNotes = await db.TaskNotes.AsNoTracking().Where(n => taskIds.Contains(n.WorkItemId)).ToListAsync(ct);
        foreach (var approval in escalations)
        {
            // The approval's own votes are its votes, not the squad's notes; earlier rounds' votes stay as context.
            var own = $"approval {approval.Id}";
            result[approval.Id] = [.. entries.Where(e => e.InstanceId == approval.InstanceId && e.ActivityId == approval.ActivityId
                    && !(e.Kind == JournalKind.ApprovalVoted && e.Detail == own))
                .Select(e => new ApprovalNote(e.Actor ?? "", e.At, e.Comment!))
                .Concat(taskNotes.Where(n => n.WorkItemId == approval.EscalatedTask!.Id).Select(n => new ApprovalNote(n.Author, n.At, n.Text)))
                .OrderBy(n => n.At)];
        }
        return result;
    }
}
