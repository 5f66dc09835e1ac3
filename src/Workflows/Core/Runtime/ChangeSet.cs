using Butler.Workflows.Scheduling;

namespace Butler.Workflows.Runtime;

/// <summary>
/// What one stimulus changed, collected in memory by the interpreter and persisted by one committer in one
/// transaction: the instance's own state is on <see cref="Instance"/>; everything else is listed here. Rows that
/// existed before the stimulus are named by id (a task to cancel, a bookmark to remove); rows it created are whole.
/// </summary>
public sealed class ChangeSet(WorkflowInstance instance, WorkflowGraph graph, Actor actor, DateTimeOffset at, System.Text.Json.Nodes.JsonObject variables)
{
    private readonly List<WorkItem> _addedWorkItems = [];
    private readonly List<Guid> _workItemsToCancel = [];
    private readonly List<Bookmark> _addedBookmarks = [];
    private readonly List<Bookmark> _removedBookmarks = [];
    private readonly List<Bookmark> _releasedBookmarks = [];
    private readonly List<Approval> _addedApprovals = [];
    private readonly List<ApprovalVote> _addedVotes = [];
    private readonly List<DurableTimer> _addedTimers = [];
    private readonly List<Incident> _incidents = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly List<PendingNotification> _notifications = [];
    private readonly List<PendingCopy> _copies = [];
    private readonly List<WorkflowEvent> _events = [];

    /// <summary>The instance, with its status, variables, state and revision as the stimulus left them.</summary>
    public WorkflowInstance Instance { get; } = instance;

    /// <summary>The published version the instance runs on.</summary>
    public WorkflowGraph Graph { get; internal set; } = graph;

    /// <summary>Who caused the stimulus.</summary>
    public Actor Actor { get; } = actor;

    /// <summary>When the stimulus happened: every row it writes carries this time.</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>The run's variables as the stimulus left them (also written to <see cref="WorkflowInstance.VariablesJson"/>).</summary>
    public System.Text.Json.Nodes.JsonObject Variables { get; } = variables;

    /// <summary>Tasks opened by this stimulus (some may already be cancelled again, by a fault in the same run).</summary>
    public IReadOnlyList<WorkItem> AddedWorkItems => _addedWorkItems;

    /// <summary>Tasks that existed before this stimulus and are cancelled by it (their bookmark went away).</summary>
    public IReadOnlyList<Guid> WorkItemsToCancel => _workItemsToCancel;

    /// <summary>Bookmarks created by this stimulus and still waiting at its end.</summary>
    public IReadOnlyList<Bookmark> AddedBookmarks => _addedBookmarks;

    /// <summary>Bookmarks that existed before this stimulus and were resumed or cancelled by it.</summary>
    public IReadOnlyList<Bookmark> RemovedBookmarks => _removedBookmarks;

    /// <summary>Every bookmark let go by this stimulus, old or new: the timers and approvals they own are cancelled.</summary>
    public IReadOnlyList<Bookmark> ReleasedBookmarks => _releasedBookmarks;

    /// <summary>Approvals opened by this stimulus.</summary>
    public IReadOnlyList<Approval> AddedApprovals => _addedApprovals;

    /// <summary>Votes the engine recorded itself (去重: an approver who approved before); votes cast by people are added by the runner.</summary>
    public IReadOnlyList<ApprovalVote> AddedVotes => _addedVotes;

    /// <summary>Durable timers created by this stimulus; scheduled once the commit stands.</summary>
    public IReadOnlyList<DurableTimer> AddedTimers => _addedTimers;

    /// <summary>Faults recorded by this stimulus.</summary>
    public IReadOnlyList<Incident> Incidents => _incidents;

    /// <summary>Journal entries in the order they happened.</summary>
    public IReadOnlyList<JournalEntry> Journal => _journal;

    /// <summary>Messages to people, resolved to recipients and written to the outbox by the committer.</summary>
    public IReadOnlyList<PendingNotification> Notifications => _notifications;

    /// <summary>抄送: copies of a task or an approval, resolved to people, written and notified by the committer.</summary>
    public IReadOnlyList<PendingCopy> Copies => _copies;

    /// <summary>Domain events raised by activities, handed to the observers before the commit.</summary>
    public IReadOnlyList<WorkflowEvent> Events => _events;

    internal void Add(WorkItem item) => _addedWorkItems.Add(item);

    internal void Add(Bookmark bookmark) => _addedBookmarks.Add(bookmark);

    internal void Add(Approval approval) => _addedApprovals.Add(approval);

    internal void Add(ApprovalVote vote) => _addedVotes.Add(vote);

    internal void Add(DurableTimer timer) => _addedTimers.Add(timer);

    internal void Add(Incident incident) => _incidents.Add(incident);

    internal void Add(JournalEntry entry) => _journal.Add(entry);

    internal void Add(PendingNotification notification) => _notifications.Add(notification);

    internal void Add(WorkflowEvent domainEvent) => _events.Add(domainEvent);

    internal void Add(PendingCopy copy) => _copies.Add(copy);

    /// <summary>A bookmark goes away: one created in this stimulus is simply not written; an older one is deleted.</summary>
    internal void Release(Bookmark bookmark)
    {
        _releasedBookmarks.Add(bookmark);
        if (!_addedBookmarks.Remove(bookmark))
        {
            _removedBookmarks.Add(bookmark);
        }
    }

    /// <summary>Cancels a task: one opened in this stimulus at once, an older one by the committer.</summary>
    internal void CancelWorkItem(Guid id, DateTimeOffset now)
    {
        if (_addedWorkItems.FirstOrDefault(w => w.Id == id) is { } added)
        {
            added.Cancel(now);
        }
        else if (!_workItemsToCancel.Contains(id))
        {
            _workItemsToCancel.Add(id);
        }
    }
}

/// <summary>A message to people named by specs, resolved to recipients by the committer.</summary>
public sealed record PendingNotification(IReadOnlyList<Notifications.RecipientSpec> To, Notifications.NotificationModel Model, string DedupKey);

/// <summary>
/// 抄送 to the people named by <paramref name="To"/> (users, roles, teams): a copy of the task
/// <paramref name="WorkItemId"/> or the approval <paramref name="ApprovalId"/>, by <paramref name="CopiedBy"/>.
/// </summary>
public sealed record PendingCopy(IReadOnlyList<Notifications.RecipientSpec> To, Guid? WorkItemId, Guid? ApprovalId, string ActivityId,
    Activities.LocalizedText Title, string CopiedBy, string? Comment);
