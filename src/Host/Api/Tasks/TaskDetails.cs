using Butler.Host.Identity;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Tasks;

/// <summary>One line of a task's history: a journal entry of its activity, a note or an attachment.</summary>
/// <param name="Kind">The journal kind in camelCase (<c>taskCreated</c>, <c>reminderSent</c>, <c>taskClaimed</c>…), or <c>note</c>, <c>attachment</c>.</param>
/// <param name="OnBehalfOf">The person the actor acted for as their proxy (代理人); null when for themselves.</param>
public sealed record TaskHistoryItem(DateTimeOffset At, string Kind, string Actor, string? Outcome, string? Comment, string? Detail, string? OnBehalfOf = null);

public sealed record TaskNoteView(Guid Id, Guid TaskId, string Author, string Text, DateTimeOffset At)
{
    public static TaskNoteView From(TaskNote n) => new(n.Id, n.WorkItemId, n.Author, n.Text, n.At);
}

/// <summary>Everything the task page shows, and what the reader may do with the task.</summary>
/// <param name="ReturnTargets">The earlier steps a return may go to (when <c>return</c> is among the actions).</param>
/// <param name="WithdrawFrom">For a task the reader completed: an open task that completion opened, which a withdrawal names.</param>
/// <param name="CopiesToReader">The copies (抄送) of this task sent to the reader, oldest first: who copied it and why.</param>
public sealed record TaskDetail(TaskView Task, ProjectContext? Project, IReadOnlyList<TaskHistoryItem> History,
    IReadOnlyList<TaskAttachmentView> Attachments, IReadOnlyList<string> Actions, IReadOnlyList<ReturnTargetView> ReturnTargets,
    Guid? WithdrawFrom = null, IReadOnlyList<Copies.CopyView>? CopiesToReader = null)
{
    public bool May(string action) => Actions.Contains(action, StringComparer.Ordinal);

    public bool MayComplete => May(TaskActions.Complete);

    public bool MayClaim => May(TaskActions.Claim);

    public bool MayRelease => May(TaskActions.Release);

    public bool MayAddNote => May(TaskActions.Note);
}

/// <summary>The API names of the moves on a task (<c>GET /api/tasks/{id}/actions</c>).</summary>
public static class TaskActions
{
    public const string Complete = "complete";
    public const string Claim = "claim";
    public const string Release = "release";
    public const string Transfer = "transfer";
    public const string Delegate = "delegate";
    public const string Resolve = "resolve";
    public const string Return = "return";
    public const string Urge = "urge";
    public const string Note = "note";
    public const string Attach = "attach";
    public const string Cc = "cc";
}

/// <summary>
/// Who may see a task and what its page shows. The API's <c>GET /api/tasks/{id}</c> and the task page both find the
/// task through <see cref="FindAsync"/>, so they refuse the same people.
/// </summary>
public sealed class TaskDetails(IDbContextFactory<ButlerDbContext> dbFactory, TaskNotes notes, TaskAttachments attachments, TimeProvider time,
    WorkflowRunner runner)
{
    /// <summary>The journal kinds that belong to a task's story.</summary>
    private static readonly JournalKind[] HistoryKinds =
    [
        JournalKind.TaskCreated, JournalKind.TaskCompleted, JournalKind.ReminderSent, JournalKind.Escalated,
        JournalKind.ApprovalOpened, JournalKind.ApprovalDecided, JournalKind.TaskExtended, JournalKind.TaskReassigned,
        JournalKind.TaskClaimed, JournalKind.TaskReleased, JournalKind.TaskTransferred, JournalKind.TaskDelegated,
        JournalKind.TaskResolved, JournalKind.TaskUrged, JournalKind.TaskReturned, JournalKind.TaskWithdrawn, JournalKind.Copied,
    ];

    /// <summary>Leaders and administrators oversee every task; others see the tasks assigned to them or their roles.</summary>
    public static bool Oversees(Actor actor) => actor.IsInRole(Roles.Leader) || actor.IsInRole(Roles.Admin);

    /// <summary>The task's assignee (or a member of its role), the person it is delegated to, a Leader or an Admin.</summary>
    public static bool MayView(WorkItem task, Actor actor) => task.IsAssignedTo(actor) || task.IsDelegate(actor) || Oversees(actor);

    /// <summary>The moves of <see cref="MovesAsync"/>, in the order the page shows them.</summary>
    private static List<string> ActionsFor(WorkItem task, Actor actor, bool mayReturn, bool copied)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(actor);
        var completedIt = task.CompletedBy is { } by && string.Equals(by, actor.UserName, StringComparison.OrdinalIgnoreCase);
        if (task.Status != WorkItemStatus.Open)
        {
            // A closed task is still worth copying, by who closed it or someone who oversees the work.
            return completedIt || Oversees(actor) ? [TaskActions.Cc] : [];
        }
        if (!MayView(task, actor))
        {
            // Someone the task was copied to reads it and may hurry it on; nothing more.
            return copied ? [TaskActions.Urge] : [];
        }
        var actions = new List<string>();
        void Offer(bool when, string action)
        {
            if (when)
            {
                actions.Add(action);
            }
        }
        var works = task.MayActAsAssignee(actor);
        Offer(task.RefusesCompletion(actor) is null, TaskActions.Complete);
        Offer(task.AssigneeRole is { } role && task.ClaimedBy is null && actor.IsInRole(role), TaskActions.Claim);
        Offer(task.ClaimedBy is not null && task.DelegatedTo is null
            && (string.Equals(task.ClaimedBy, actor.UserName, StringComparison.OrdinalIgnoreCase) || actor.IsInRole(Roles.Admin)), TaskActions.Release);
        Offer(works || Oversees(actor), TaskActions.Transfer);
        Offer(works && task.DelegatedTo is null, TaskActions.Delegate);
        Offer(mayReturn, TaskActions.Return);
        Offer(task.IsDelegate(actor), TaskActions.Resolve);
        Offer(!works && !task.IsDelegate(actor), TaskActions.Urge);
        actions.Add(TaskActions.Cc);
        actions.Add(TaskActions.Note);
        actions.Add(TaskActions.Attach);
        return actions;
    }

    /// <summary>
    /// The moves <paramref name="actor"/> may make on the task now, by their API names (<c>return</c> when the task has
    /// earlier steps to go back to), and those steps; the task page offers exactly these and
    /// <c>GET /api/tasks/{id}/actions</c> returns them.
    /// </summary>
    public async Task<(IReadOnlyList<string> Actions, IReadOnlyList<ReturnTargetView> Targets)> MovesAsync(WorkItem task, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(actor);
        // The engine's own conditions for a return; only then are the earlier steps worth reading.
        var targets = task.Status == WorkItemStatus.Open && task.MayActAsAssignee(actor) && task.DelegatedTo is null
            ? await runner.ReturnTargetsAsync(task, ct)
            : [];
        var copied = false;
        if (task.Status == WorkItemStatus.Open && !MayView(task, actor))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            copied = await Copies.Copies.HasTaskCopyAsync(db, task.Id, actor, ct);
        }
        return (ActionsFor(task, actor, targets.Count > 0, copied), [.. targets.Select(t => new ReturnTargetView(t.ActivityId, t.Name.Current))]);
    }

    /// <summary>The task, or 404 when there is none, 403 when the actor may not see it.</summary>
    public Task<OperationResult<WorkItem>> FindAsync(Guid id, Actor actor, CancellationToken ct = default) => FindAsync(id, actor, toRead: false, ct);

    /// <summary>
    /// The task to read: as <see cref="FindAsync(Guid, Actor, CancellationToken)"/>, and also for someone the task was
    /// copied to (抄送), who may read its page, notes and files, never add to them.
    /// </summary>
    public Task<OperationResult<WorkItem>> FindToReadAsync(Guid id, Actor actor, CancellationToken ct = default) => FindAsync(id, actor, toRead: true, ct);

    private async Task<OperationResult<WorkItem>> FindAsync(Guid id, Actor actor, bool toRead, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        return task is null ? OperationResult<WorkItem>.NotFound(Failure.TaskNotFound(id))
            : MayView(task, actor) || (toRead && await Copies.Copies.HasTaskCopyAsync(db, id, actor, ct)) ? OperationResult<WorkItem>.Ok(task)
            : OperationResult<WorkItem>.Forbidden(Failure.TaskNotAssigned());
    }

    /// <summary>The task with its project, history (oldest first), attachments and the reader's permissions.</summary>
    public async Task<OperationResult<TaskDetail>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var found = await FindToReadAsync(id, actor, ct);
        if (!found.IsOk)
        {
            return found.As<TaskDetail>();
        }
        var task = found.Value!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var correlation = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.CorrelationId).FirstOrDefaultAsync(ct);
        var project = await ProjectReadModel.ContextAsync(db, correlation, ct);
        var files = await attachments.ForTaskAsync(task.Id, ct);
        var history = await HistoryAsync(db, task, files, ct);
        var (actions, targets) = await MovesAsync(task, actor, ct);
        var reader = actor.UserName;
        var copies = await db.CarbonCopies.AsNoTracking().Where(c => c.WorkItemId == task.Id && c.Recipient == reader)
            .OrderBy(c => c.CreatedAt).ToListAsync(ct);
        var detail = new TaskDetail(TaskView.From(task, time.GetUtcNow()), project, history, files, actions, targets,
            await WithdrawableAsync(db, task, actor, ct), [.. copies.Select(Copies.CopyView.From)]);
        return OperationResult<TaskDetail>.Ok(detail);
    }

    /// <summary>
    /// For a task the actor completed: an open task its completion opened that nobody has claimed or delegated, the one a
    /// withdrawal names (the engine checks the rest: notes, files, transfers).
    /// </summary>
    private static async Task<Guid?> WithdrawableAsync(ButlerDbContext db, WorkItem task, Actor actor, CancellationToken ct)
    {
        if (task.Status != WorkItemStatus.Done || task.Kind != Workflows.Runtime.WorkItemKinds.Task || task.CompletedAt is not { } completed
            || !string.Equals(task.CompletedBy, actor.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var opened = await db.WorkItems.AsNoTracking()
            .Where(w => w.InstanceId == task.InstanceId && w.CreatedAt == completed && w.Kind == Workflows.Runtime.WorkItemKinds.Task)
            .ToListAsync(ct);
        return opened.Count > 0 && opened.All(w => w.Status == WorkItemStatus.Open && w.ClaimedBy is null && w.DelegatedTo is null)
            ? opened[0].Id : null;
    }

    /// <summary>
    /// The journal entries of the task's activity while the task was open (an activity that runs again in a loop
    /// opens a new task, whose story starts afresh), with the task's notes and attachments, oldest first.
    /// </summary>
    private async Task<List<TaskHistoryItem>> HistoryAsync(ButlerDbContext db, WorkItem task, IReadOnlyList<TaskAttachmentView> files, CancellationToken ct)
    {
        var from = task.CreatedAt;
        var until = task.Status == WorkItemStatus.Open ? DateTimeOffset.MaxValue : task.CompletedAt ?? DateTimeOffset.MaxValue;
        var kinds = HistoryKinds.ToList();
        // A step sent back or withdrawn opens again: the later step's entry saying so (at the same moment) starts its story.
        var reopenedBy = $" to {task.ActivityId}";
        var journal = (await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == task.InstanceId && j.At >= from && j.At <= until
                && ((j.ActivityId == task.ActivityId && kinds.Contains(j.Kind))
                    || (j.At == from && (j.Kind == JournalKind.TaskReturned || j.Kind == JournalKind.TaskWithdrawn))))
            .ToListAsync(ct))
            .Where(j => j.ActivityId == task.ActivityId || (j.Detail?.EndsWith(reopenedBy, StringComparison.Ordinal) ?? false))
            .ToList();
        var taskNotes = await notes.ForTaskAsync(task.Id, ct);
        return
        [
            .. journal.Select(j => (j.At, j.Sequence, Item: new TaskHistoryItem(j.At, WireNames.Wire(j.Kind), j.Actor ?? "", j.Outcome, j.Comment, j.Detail, j.OnBehalfOf)))
                .Concat(taskNotes.Select(n => (n.At, Sequence: int.MaxValue, Item: new TaskHistoryItem(n.At, "note", n.Author, null, n.Text, null))))
                .Concat(files.Select(f => (At: f.UploadedAt, Sequence: int.MaxValue, Item: new TaskHistoryItem(f.UploadedAt, "attachment", f.UploadedBy, null, null, f.FileName))))
                .OrderBy(x => x.At).ThenBy(x => x.Sequence).Select(x => x.Item),
        ];
    }
}
