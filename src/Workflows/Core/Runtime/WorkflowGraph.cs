using Butler.Workflows.Deadlines;
using Butler.Workflows.Definitions;

namespace Butler.Workflows.Runtime;

/// <summary>A parsed definition with its connections indexed for the runner and validator.</summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<(string, string), List<ConnectionModel>> _outgoing = [];
    private readonly Dictionary<string, List<ConnectionModel>> _incoming = new(StringComparer.Ordinal);

    public WorkflowGraph(WorkflowDefinitionModel model)
    {
        Model = model;
        MayCreateTimers = model.Activities.Any(a => a.Type is "Delay" or "Approval" || MayArmTimers(a));
        Activities = model.Activities
            .Where(a => !string.IsNullOrEmpty(a.Id))
            .GroupBy(a => a.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var c in model.Connections)
        {
            if (c.Source is null || c.Target is null)
            {
                continue;
            }
            var key = (c.Source, c.Outcome);
            if (!_outgoing.TryGetValue(key, out var list))
            {
                _outgoing[key] = list = [];
            }
            list.Add(c);
            if (!_incoming.TryGetValue(c.Target, out var inList))
            {
                _incoming[c.Target] = inList = [];
            }
            inList.Add(c);
        }
    }

    public WorkflowDefinitionModel Model { get; }

    /// <summary>True when some activity can create timers or approvals (a deadline, a timeout, a delay, an approval).</summary>
    public bool MayCreateTimers { get; }
    public IReadOnlyDictionary<string, ActivityModel> Activities { get; }

    /// <summary>The deadline policy of an activity of this graph, read once; none for an unknown id.</summary>
    public DeadlinePolicy DeadlinesOf(string activityId) =>
        Activities.TryGetValue(activityId, out var activity) ? DeadlinePolicy.Of(activity) : DeadlinePolicy.None;

    /// <summary>True when an activity may arm timers of its own: it has a due time or a timeout.</summary>
    public static bool MayArmTimers(ActivityModel activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return DeadlinePolicy.Of(activity).Due is not null || activity.Inputs.ContainsKey("timeout");
    }

    public IReadOnlyList<ConnectionModel> Outgoing(string source, string outcome) =>
        _outgoing.TryGetValue((source, outcome), out var list) ? list : [];

    public IEnumerable<ConnectionModel> OutgoingAll(string source) =>
        Model.Connections.Where(c => c.Source == source && c.Target is not null);

    public IReadOnlyList<ConnectionModel> Incoming(string target) =>
        _incoming.TryGetValue(target, out var list) ? list : [];

    /// <summary>
    /// True where one branch becomes several or several become one: a Fork, a Join, or an activity with two connections
    /// on one outcome. A send-back does not cross such a place, since it would reopen or strand a parallel branch.
    /// </summary>
    public bool SplitsOrJoins(ActivityModel activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type is "Fork" or "Join"
            || Model.Connections.Where(c => c.Source == activity.Id).GroupBy(c => c.Outcome, StringComparer.Ordinal).Any(g => g.Count() > 1);
    }

    /// <summary>The earlier activities of <paramref name="target"/>'s own branch: upstream of it, not across a split or a join.</summary>
    public HashSet<string> BranchUpstream(string target) => Feeding(target, SplitsOrJoins);

    /// <summary>Activities from which <paramref name="target"/> can be reached without passing through a stop activity.</summary>
    public HashSet<string> Feeding(string target, Func<ActivityModel, bool> stopAt)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(target);
        while (stack.Count > 0)
        {
            foreach (var c in Incoming(stack.Pop()))
            {
                if (c.Source == target || !Activities.TryGetValue(c.Source, out var source) || stopAt(source))
                {
                    continue;
                }
                if (seen.Add(c.Source))
                {
                    stack.Push(c.Source);
                }
            }
        }
        return seen;
    }

    /// <summary>
    /// <paramref name="source"/> and the activities reachable from it along connections, not entering a stop activity
    /// (a Join ends the branch that leads into it).
    /// </summary>
    public HashSet<string> Downstream(string source, Func<ActivityModel, bool> stopAt)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { source };
        var stack = new Stack<string>();
        stack.Push(source);
        while (stack.Count > 0)
        {
            foreach (var c in OutgoingAll(stack.Pop()))
            {
                if (!Activities.TryGetValue(c.Target, out var target) || stopAt(target))
                {
                    continue;
                }
                if (seen.Add(c.Target))
                {
                    stack.Push(c.Target);
                }
            }
        }
        return seen;
    }
}
