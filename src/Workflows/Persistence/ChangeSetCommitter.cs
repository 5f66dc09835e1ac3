using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Butler.Workflows.Persistence;

/// <summary>
/// Persists what one stimulus changed in one transaction: the change set's rows, the cancellations that released
/// bookmarks leave behind, the outbox, the observers' domain rows and the idempotency key, saved together under the
/// optimistic check of every versioned row; then hands new timers to the scheduler and wakes the mailer.
/// </summary>
public sealed partial class ChangeSetCommitter(RunnerServices services, ILogger<ChangeSetCommitter> logger)
{
    /// <summary>Commits <paramref name="changes"/> with whatever else the caller staged in <paramref name="db"/>.</summary>
    public async Task CommitAsync(ButlerDbContext db, ChangeSet changes, IdempotencyKey? idempotencyKey, string kind, CancellationToken ct)
    {
        Stage(db, changes);
        var instance = changes.Instance;
        var ids = changes.WorkItemsToCancel.ToList();
        if (ids.Count > 0)
        {
            foreach (var item in await db.WorkItems.Where(w => ids.Contains(w.Id)).ToListAsync(ct))
            {
                item.Cancel(changes.At);
            }
        }
        var released = changes.ReleasedBookmarks;
        // A run that faulted or was cancelled leaves nothing pending; one that completed released its bookmarks in this
        // stimulus, and those are handled below like any released bookmark (costing no query for a plain flow).
        if (instance.Status is WorkflowStatus.Faulted or WorkflowStatus.Cancelled && changes.Graph.MayCreateTimers)
        {
            await CancelTimersAsync(db, changes, _ => true, ct);
            foreach (var approval in await db.Approvals.Where(a => a.InstanceId == instance.Id && a.Status == ApprovalStatus.Pending).ToListAsync(ct))
            {
                approval.Cancel(changes.At);
            }
            foreach (var approval in changes.AddedApprovals)
            {
                approval.Cancel(changes.At);
            }
        }
        else if (released.Where(b => MayOwnTimers(changes.Graph, b)).ToList() is { Count: > 0 } owning)
        {
            // Only bookmarks whose activity has a deadline, a timeout or an approval can leave timers or approvals
            // behind; the plain task of a plain flow costs no query here.
            var taskIds = owning.Where(b => b.WorkItemId is not null).Select(b => b.WorkItemId).ToList();
            var approvalIds = owning.Where(b => b.ApprovalId is not null).Select(b => b.ApprovalId).ToList();
            var bookmarkIds = owning.Select(b => (Guid?)b.Id).ToList();
            await CancelTimersAsync(db, changes,
                t => taskIds.Contains(t.WorkItemId) || approvalIds.Contains(t.ApprovalId) || bookmarkIds.Contains(t.BookmarkId), ct);
            var stale = await db.Approvals.Where(a => a.Status == ApprovalStatus.Pending
                && (approvalIds.Contains(a.Id) || taskIds.Contains(a.EscalatedTaskId))).ToListAsync(ct);
            foreach (var approval in stale)
            {
                approval.Cancel(changes.At);
            }
            if (stale.Count > 0)
            {
                var staleIds = stale.Select(a => (Guid?)a.Id).ToList();
                await CancelTimersAsync(db, changes, t => staleIds.Contains(t.ApprovalId), ct);
            }
        }

        await WriteNotificationsAsync(db, changes, ct);
        await WriteCopiesAsync(db, changes, ct);
        if (changes.Events.Count > 0)
        {
            var commit = new WorkflowCommit(instance, changes.Variables, changes.Events, changes.Actor, changes.At);
            foreach (var observer in services.Observers)
            {
                await observer.BeforeCommitAsync(db, commit, ct);
            }
        }
        Remember(db, idempotencyKey, instance.Id, kind, changes.At);
        var mail = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToList();
        await db.SaveChangesAsync(ct);
        await AfterCommitAsync(db, changes, mail, ct);
    }

    /// <summary>Cancels the pending timers of the instance that match, in the database and among the change set's new ones.</summary>
    public static async Task CancelTimersAsync(ButlerDbContext db, ChangeSet changes, System.Linq.Expressions.Expression<Func<DurableTimer, bool>> match, CancellationToken ct)
    {
        var instanceId = changes.Instance.Id;
        foreach (var timer in await db.Timers.Where(t => t.InstanceId == instanceId && t.Status == TimerStatus.Pending).Where(match).ToListAsync(ct))
        {
            timer.Cancel();
        }
        if (changes.AddedTimers.Count > 0)
        {
            // Compiling costs more than the query on a busy path, so it happens only when new timers need the same test.
            var compiled = match.Compile(preferInterpretation: true);
            foreach (var timer in changes.AddedTimers.Where(compiled))
            {
                timer.Cancel();
            }
        }
    }

    /// <summary>Remembers an idempotency key with the instance it acted on, in the same transaction as the work.</summary>
    public static void Remember(ButlerDbContext db, IdempotencyKey? key, Guid instanceId, string kind, DateTimeOffset now)
    {
        if (key is not null && !string.IsNullOrEmpty(key.Value))
        {
            db.ProcessedStimuli.Add(new ProcessedStimulus
            {
                Key = key.Value,
                InstanceId = instanceId,
                Kind = kind,
                At = now,
                RequestId = key.RequestId,
                Fingerprint = key.Fingerprint,
            });
        }
    }

    /// <summary>Adds the rows the stimulus created and deletes the bookmarks it let go (they were loaded tracked).</summary>
    private static void Stage(ButlerDbContext db, ChangeSet changes)
    {
        db.WorkItems.AddRange(changes.AddedWorkItems);
        db.Bookmarks.AddRange(changes.AddedBookmarks);
        db.Bookmarks.RemoveRange(changes.RemovedBookmarks);
        db.Approvals.AddRange(changes.AddedApprovals);
        db.ApprovalVotes.AddRange(changes.AddedVotes);
        db.Timers.AddRange(changes.AddedTimers);
        db.Incidents.AddRange(changes.Incidents);
        db.Journal.AddRange(changes.Journal);
    }

    /// <summary>True when a released bookmark's activity can have timers or approvals: a deadline, a timeout, a delay, an approval.</summary>
    private static bool MayOwnTimers(WorkflowGraph graph, Bookmark bookmark) => bookmark.Kind switch
    {
        BookmarkKind.Approval or BookmarkKind.Delay => true,
        _ => graph.Activities.TryGetValue(bookmark.ActivityId, out var activity) && WorkflowGraph.MayArmTimers(activity),
    };

    private async Task WriteNotificationsAsync(ButlerDbContext db, ChangeSet changes, CancellationToken ct)
    {
        foreach (var pending in changes.Notifications)
        {
            var recipients = await RecipientsAsync(pending.To, ct);
            var approval = pending.Model.ApprovalId is { } id ? changes.AddedApprovals.FirstOrDefault(a => a.Id == id) : null;
            var decider = pending.Model.Actor is { Length: > 0 } actor ? await DisplayNameAsync(actor, ct) : null;
            foreach (var recipient in recipients)
            {
                var model = decider is null ? pending.Model : pending.Model with { Actor = decider };
                if (model.Kind == NotificationKind.ApprovalRequested && model.ApprovalId is { } approvalId)
                {
                    // One click only for an escalation, and only for what its approval offers (the pipeline's have no Approve).
                    model = model with { Links = services.Links.ForApproval(approvalId, recipient.UserName,
                        approval?.EscalatedTaskId is not null ? [.. approval.Outcomes] : []) };
                }
                var link = model.TaskId is { } taskId ? services.Links.ForTask(taskId) : null;
                if (link is not null && model.Links is null)
                {
                    // A message about a task opens it: the mail gets the button the bell's entry has as its link.
                    model = model with { Links = [new MessageLink(MessageLinkKind.Open, link)] };
                }
                await services.Outbox.AddAsync(db, recipient, model, pending.DedupKey, changes.At, link, ct);
            }
        }
    }

    /// <summary>
    /// The people a notification about work goes to: those its specs name, and the current proxy (代理人) of each person
    /// named, so mail and bell reach both while the person is away.
    /// </summary>
    private async Task<IReadOnlyList<Recipient>> RecipientsAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct)
    {
        var recipients = await services.Users.ResolveAsync(specs, ct);
        var named = specs.Select(s => s.User).OfType<string>().Where(u => u.Length > 0).ToList();
        if (named.Count == 0)
        {
            return recipients;
        }
        var proxies = await services.Users.ProxiesAsync(named, ct);
        return proxies.Count == 0 ? recipients
            : [.. recipients, .. proxies.Where(p => !recipients.Any(r => string.Equals(r.UserName, p.UserName, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>
    /// 抄送: one copy for each person the specs name (a role or a team is its members), except the copier and anyone who
    /// already has an unread copy of the same task or approval; each is told, with a link to the copy.
    /// </summary>
    private async Task WriteCopiesAsync(ButlerDbContext db, ChangeSet changes, CancellationToken ct)
    {
        foreach (var pending in changes.Copies)
        {
            var recipients = (await services.Users.ResolveAsync(pending.To, ct))
                .Where(r => !string.Equals(r.UserName, pending.CopiedBy, StringComparison.OrdinalIgnoreCase))
                .DistinctBy(r => r.UserName, StringComparer.OrdinalIgnoreCase).ToList();
            if (recipients.Count == 0)
            {
                continue;
            }
            var names = recipients.Select(r => r.UserName).ToList();
            var unread = await db.CarbonCopies.AsNoTracking()
                .Where(c => c.ReadAt == null && names.Contains(c.Recipient)
                    && (pending.WorkItemId != null ? c.WorkItemId == pending.WorkItemId : c.ApprovalId == pending.ApprovalId))
                .Select(c => c.Recipient).ToListAsync(ct);
            var copier = await DisplayNameAsync(pending.CopiedBy, ct);
            foreach (var recipient in recipients.Where(r => !unread.Contains(r.UserName, StringComparer.OrdinalIgnoreCase)))
            {
                var copy = new CarbonCopy
                {
                    Id = Guid.CreateVersion7(changes.At),
                    InstanceId = changes.Instance.Id,
                    WorkItemId = pending.WorkItemId,
                    ApprovalId = pending.ApprovalId,
                    ActivityId = pending.ActivityId,
                    Title = pending.Title,
                    Recipient = recipient.UserName,
                    CopiedBy = pending.CopiedBy,
                    Comment = pending.Comment,
                    CreatedAt = changes.At,
                };
                db.CarbonCopies.Add(copy);
                var link = services.Links.ForCopy(copy.Id);
                var model = new NotificationModel(NotificationKind.Copied, pending.Title, changes.Instance.Id, TaskId: pending.WorkItemId,
                    ApprovalId: pending.ApprovalId, Comment: pending.Comment, Actor: copier,
                    Links: link is null ? null : [new MessageLink(MessageLinkKind.Open, link)]);
                await services.Outbox.AddAsync(db, recipient, model, $"copied:{copy.Id:D}", changes.At, link, ct);
            }
        }
    }

    /// <summary>A person as readers know them: the display name from the user store, else the user name.</summary>
    private async Task<string> DisplayNameAsync(string userName, CancellationToken ct) =>
        await services.Users.ResolveAsync([new RecipientSpec(userName, null)], ct) is [{ DisplayName: { Length: > 0 } name }, ..] ? name : userName;

    /// <summary>Hands new timers to the scheduler and wakes the mailer. Best effort: the reconciliation sweep repairs a miss.</summary>
    private async Task AfterCommitAsync(ButlerDbContext db, ChangeSet changes, List<Guid> mail, CancellationToken ct)
    {
        foreach (var timer in changes.AddedTimers.Where(t => t.Status == TimerStatus.Pending))
        {
            try
            {
                if (services.Timers.Schedule(timer.Id, timer.DueAt) is { } jobId)
                {
                    var id = timer.Id;
                    await db.Timers.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.JobId, jobId), ct);
                }
            }
#pragma warning disable CA1031 // The commit stands; reconciliation schedules the timer later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogScheduleFailed(ex, timer.Id);
            }
        }
        if (mail.Count > 0)
        {
            try
            {
                services.OutboxSignal.MessagesWritten(mail);
            }
#pragma warning disable CA1031 // The messages are committed; the outbox sweep delivers them later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogOutboxSignalFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerId} could not be scheduled now; the reconciliation sweep will pick it up")]
    private partial void LogScheduleFailed(Exception error, Guid timerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mailer could not be woken; the outbox sweep will deliver the messages")]
    private partial void LogOutboxSignalFailed(Exception error);
}
