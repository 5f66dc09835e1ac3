using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;

namespace Butler.Workflows.Tests.Support;

/// <summary>
/// Keeps one instance in lists instead of tables: each stimulus goes to the <see cref="WorkflowInterpreter"/> and the
/// change set it returns is applied here the way the committer applies it to the database, as far as a flow needs.
/// </summary>
public sealed class InMemoryWorkflowHost(WorkflowInterpreter interpreter, WorkflowGraph graph, DateTimeOffset now)
{
    public WorkflowInstance Instance { get; private set; } = null!;
    public DateTimeOffset Now { get; set; } = now;
    public List<Bookmark> Bookmarks { get; } = [];
    public List<WorkItem> WorkItems { get; } = [];
    public List<Approval> Approvals { get; } = [];
    public List<DurableTimer> Timers { get; } = [];
    public List<WorkflowEvent> Events { get; } = [];
    public List<JournalEntry> Journal { get; } = [];
    public List<Incident> Incidents { get; } = [];

    public void Start(string definitionId, JsonObject input, Actor actor)
    {
        Instance = WorkflowInterpreter.NewInstance(graph, definitionId, 1, input, actor, Now);
        Keep(interpreter.Start(Instance, graph, actor, Now));
    }

    public WorkItem OpenTask(string activityId) =>
        WorkItems.Single(w => w.ActivityId == activityId && w.Status == WorkItemStatus.Open);

    /// <summary>Completes the open task of an activity as its assignee.</summary>
    public void Complete(string activityId, string outcome, JsonObject? values = null)
    {
        var task = OpenTask(activityId);
        Keep(interpreter.CompleteTask(Instance, graph, Bookmarks, task, outcome, null, values ?? [], new Actor(task.AssigneeUser!, []), Now));
    }

    /// <summary>Decides the pending approval of an activity as its first approver.</summary>
    public void Decide(string activityId, string outcome)
    {
        var approval = Approvals.Single(a => a.ActivityId == activityId && a.Status == ApprovalStatus.Pending);
        var approver = new Actor(approval.Approvers[0].User!, []);
        var vote = new ApprovalVote { Id = Guid.NewGuid(), ApprovalId = approval.Id, Approver = approver.UserName, Outcome = outcome, At = Now };
        Keep(interpreter.Vote(Instance, graph, Bookmarks, approval, [], vote, approver, Now));
    }

    public void Signal(string name, Actor actor) => Keep(interpreter.Signal(Instance, graph, Bookmarks, name, null, actor, Now));

    private void Keep(ChangeSet changes)
    {
        Bookmarks.RemoveAll(b => changes.RemovedBookmarks.Contains(b));
        Bookmarks.AddRange(changes.AddedBookmarks);
        WorkItems.AddRange(changes.AddedWorkItems);
        foreach (var item in WorkItems.Where(w => changes.WorkItemsToCancel.Contains(w.Id)))
        {
            item.Cancel(changes.At);
        }
        Approvals.AddRange(changes.AddedApprovals);
        Timers.AddRange(changes.AddedTimers);
        // As the committer does: a bookmark let go takes its task's, approval's and own timers with it.
        foreach (var released in changes.ReleasedBookmarks)
        {
            foreach (var timer in Timers.Where(t => t.Status == TimerStatus.Pending
                && ((released.WorkItemId is not null && t.WorkItemId == released.WorkItemId)
                    || (released.ApprovalId is not null && t.ApprovalId == released.ApprovalId)
                    || t.BookmarkId == released.Id)))
            {
                timer.Cancel();
            }
        }
        Events.AddRange(changes.Events);
        Journal.AddRange(changes.Journal);
        Incidents.AddRange(changes.Incidents);
    }
}
