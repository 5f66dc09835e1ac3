using Butler.Workflows.Definitions;

namespace Butler.Designer.Canvas;

/// <summary>Where the diagram draws one activity: its top-left corner, and its layer and place when laid out here.</summary>
public sealed record DiagramNode(string Id, string Type, string? Name, double X, double Y, int Layer, int Order);

/// <summary>A connection to draw; <see cref="IsBack"/> when it goes back to an earlier activity (a loop).</summary>
public sealed record DiagramEdge(string Source, string Target, string Outcome, bool IsBack);

/// <summary>A drawn definition: nodes, edges and the size of the drawing.</summary>
public sealed record DiagramLayout(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges, double Width, double Height)
{
    public DiagramNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);
}

/// <summary>
/// Lays a workflow definition out for drawing. The positions the designer saved are used when every activity has one;
/// otherwise a layered left-to-right layout: each activity's layer is the longest path to it from a start (loops
/// ignored), and activities within a layer are ordered by where their predecessors sit, then by definition order.
/// </summary>
public static class WorkflowLayout
{
    public const double NodeWidth = 150;
    public const double NodeHeight = 56;
    public const double LayerGap = 56;
    public const double RowGap = 28;
    public const double Margin = 16;

    /// <summary>How far below its activities a loop back is drawn.</summary>
    public const double LoopDepth = 30;

    public static DiagramLayout Arrange(WorkflowDefinitionModel definition) => Arrange(definition, useSaved: true, NodeWidth, NodeHeight);

    /// <summary>
    /// The layout for nodes of the given size; with <paramref name="useSaved"/> false the saved positions are ignored and the
    /// layered layout is computed (the designer's automatic layout).
    /// </summary>
    public static DiagramLayout Arrange(WorkflowDefinitionModel definition, bool useSaved, double nodeWidth, double nodeHeight)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var activities = definition.Activities.Where(a => !string.IsNullOrEmpty(a.Id)).DistinctBy(a => a.Id).ToList();
        var ids = activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var connections = definition.Connections
            .Where(c => ids.Contains(c.Source) && ids.Contains(c.Target))
            .DistinctBy(c => (c.Source, c.Target, c.Outcome)).ToList();
        var back = BackEdges(activities.Select(a => a.Id).ToList(), connections);
        var edges = connections.Select(c => new DiagramEdge(c.Source, c.Target, c.Outcome, back.Contains((c.Source, c.Target)))).ToList();
        if (activities.Count == 0)
        {
            return new DiagramLayout([], [], 2 * Margin, 2 * Margin);
        }

        List<DiagramNode> nodes;
        if (useSaved && activities.All(a => a.Position is not null))
        {
            var minX = activities.Min(a => a.Position!.X);
            var minY = activities.Min(a => a.Position!.Y);
            nodes = [.. activities.Select(a => new DiagramNode(a.Id, a.Type, a.Name?.Current, a.Position!.X - minX + Margin, a.Position.Y - minY + Margin, -1, -1))];
        }
        else
        {
            var layers = Layers(activities.Select(a => a.Id).ToList(), edges.Where(e => !e.IsBack).ToList());
            var orders = Orders(activities.Select(a => a.Id).ToList(), layers, edges.Where(e => !e.IsBack).ToList());
            var perLayer = layers.GroupBy(l => l.Value).ToDictionary(g => g.Key, g => g.Count());
            var tallest = perLayer.Values.Max();
            nodes = [.. activities.Select(a =>
            {
                var layer = layers[a.Id];
                var shift = (tallest - perLayer[layer]) * (nodeHeight + RowGap) / 2;
                return new DiagramNode(a.Id, a.Type, a.Name?.Current, Margin + layer * (nodeWidth + LayerGap),
                    Margin + shift + orders[a.Id] * (nodeHeight + RowGap), layer, orders[a.Id]);
            })];
        }
        // A loop is drawn underneath its activities: room for it below the lowest one.
        var loopRoom = edges.Any(e => e.IsBack) ? LoopDepth + 8 : 0;
        return new DiagramLayout(nodes, edges, nodes.Max(n => n.X) + nodeWidth + Margin, nodes.Max(n => n.Y) + nodeHeight + Margin + loopRoom);
    }

    /// <summary>
    /// The connections that close a loop: found by a depth-first walk from the starts (activities nothing leads to, in
    /// definition order, then any left unvisited), an edge to an activity still on the walk's path goes back.
    /// </summary>
    public static HashSet<(string Source, string Target)> BackEdges(IReadOnlyList<string> activities, IReadOnlyList<ConnectionModel> connections)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(connections);
        var outgoing = activities.ToDictionary(a => a, a => connections.Where(c => c.Source == a).Select(c => c.Target).Distinct().ToList(), StringComparer.Ordinal);
        var targets = connections.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        var back = new HashSet<(string, string)>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 finished
        foreach (var root in activities.Where(a => !targets.Contains(a)).Concat(activities))
        {
            if (state.ContainsKey(root))
            {
                continue;
            }
            // An explicit stack, so a long definition cannot overflow the call stack.
            var stack = new Stack<(string Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var children = outgoing[node];
                if (next < children.Count)
                {
                    stack.Push((node, next + 1));
                    var child = children[next];
                    if (!state.TryGetValue(child, out var seen))
                    {
                        state[child] = 1;
                        stack.Push((child, 0));
                    }
                    else if (seen == 1)
                    {
                        back.Add((node, child));
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }
        return back;
    }

    /// <summary>Longest-path layers over the connections without loops: a start is layer 0, every other one past its furthest predecessor.</summary>
    public static Dictionary<string, int> Layers(IReadOnlyList<string> activities, IReadOnlyList<DiagramEdge> forward)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(forward);
        var layers = activities.ToDictionary(a => a, _ => 0, StringComparer.Ordinal);
        var indegree = activities.ToDictionary(a => a, a => forward.Count(e => e.Target == a), StringComparer.Ordinal);
        var ready = new Queue<string>(activities.Where(a => indegree[a] == 0));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            foreach (var edge in forward.Where(e => e.Source == node))
            {
                layers[edge.Target] = Math.Max(layers[edge.Target], layers[node] + 1);
                if (--indegree[edge.Target] == 0)
                {
                    ready.Enqueue(edge.Target);
                }
            }
        }
        return layers;
    }

    /// <summary>Places within each layer: by the mean place of the predecessors (barycentre), ties by definition order.</summary>
    public static Dictionary<string, int> Orders(IReadOnlyList<string> activities, IReadOnlyDictionary<string, int> layers, IReadOnlyList<DiagramEdge> forward)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(forward);
        var index = activities.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var orders = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var layer in layers.Values.Distinct().Order())
        {
            var members = activities.Where(a => layers[a] == layer)
                .Select(a =>
                {
                    var before = forward.Where(e => e.Target == a && orders.ContainsKey(e.Source)).Select(e => (double)orders[e.Source]).ToList();
                    return (Id: a, Weight: before.Count == 0 ? double.MaxValue : before.Average());
                })
                .OrderBy(m => m.Weight).ThenBy(m => index[m.Id]).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                orders[members[i].Id] = i;
            }
        }
        return orders;
    }
}
