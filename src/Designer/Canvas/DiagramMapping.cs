using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Canvas;

/// <summary>
/// Definition ⇄ diagram, without a browser. Building draws every activity as a node (at its saved position, else where
/// the layered layout puts it) and every connection as a link from the outcome's port to the target's input. Reading
/// gives the definition back: activities and connections in canvas order, positions only where the definition had them
/// or the designer placed the node, so an opened and unchanged definition reads back exactly as it was.
/// </summary>
public static class DiagramMapping
{
    /// <summary>Spacing of the automatic layout for the designer's node size.</summary>
    public const double LayoutNodeHeight = 110;

    /// <summary>Replaces the diagram's content with <paramref name="model"/>.</summary>
    /// <returns>The connections that cannot be drawn (their source is not on the canvas); <see cref="Read"/> keeps them.</returns>
    public static List<ConnectionModel> Build(Diagram diagram, WorkflowDefinitionModel model, IReadOnlyDictionary<string, ActivityDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(descriptors);
        diagram.Links.Clear();
        diagram.Nodes.Clear();
        var layout = WorkflowLayout.Arrange(model, useSaved: false, ActivityNode.Width, LayoutNodeHeight);
        var nodes = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var activity in model.Activities)
        {
            descriptors.TryGetValue(activity.Type, out var descriptor);
            var placed = layout.Node(activity.Id);
            var position = activity.Position is { } p ? new Point(p.X, p.Y) : new Point(placed?.X ?? 0, placed?.Y ?? 0);
            var node = new ActivityNode(activity, descriptor, position, activity.Position is not null);
            AddPorts(node, Outcomes(activity, descriptor), model.Connections.Where(c => c.Source == activity.Id).Select(c => c.Outcome));
            diagram.Nodes.Add(node);
            // Two activities may share an id in a broken definition; the first one gets the connections.
            nodes.TryAdd(activity.Id, node);
        }
        var unmapped = new List<ConnectionModel>();
        foreach (var connection in model.Connections)
        {
            if (!nodes.TryGetValue(connection.Source, out var source) || source.Output(connection.Outcome) is not { } from)
            {
                unmapped.Add(connection);
                continue;
            }
            diagram.Links.Add(nodes.TryGetValue(connection.Target, out var target) && target.Input is { } to
                ? new ConnectionLink(from, to)
                : Dangling(from, connection.Target));
        }
        return unmapped;
    }

    /// <summary>Reads the definition back from the diagram; <paramref name="template"/> gives id, name, description and variables.</summary>
    public static WorkflowDefinitionModel Read(Diagram diagram, WorkflowDefinitionModel template, IEnumerable<ConnectionModel>? unmapped = null)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(template);
        var nodes = diagram.Nodes.OfType<ActivityNode>().ToList();
        foreach (var node in nodes)
        {
            if (node.PositionSaved || node.Position.X != node.LoadedAt.X || node.Position.Y != node.LoadedAt.Y)
            {
                node.PositionSaved = true;
                node.Activity.Position = new PositionModel { X = Math.Round(node.Position.X), Y = Math.Round(node.Position.Y) };
            }
            else
            {
                node.Activity.Position = null;
            }
        }
        var connections = new List<ConnectionModel>();
        foreach (var link in diagram.Links.OfType<BaseLinkModel>())
        {
            if (link.Source.Model is not ActivityPort { Outcome: { } outcome } from)
            {
                continue;
            }
            var target = link.Target.Model switch
            {
                ActivityPort { Outcome: null } to => to.Activity.Activity.Id,
                _ => (link as ConnectionLink)?.MissingTarget ?? "",
            };
            connections.Add(new ConnectionModel { Source = from.Activity.Activity.Id, Outcome = outcome, Target = target });
        }
        connections.AddRange(unmapped ?? []);
        return new WorkflowDefinitionModel
        {
            Id = template.Id,
            Version = template.Version,
            Name = template.Name,
            Description = template.Description,
            Variables = template.Variables,
            Activities = [.. nodes.Select(n => n.Activity)],
            Connections = connections,
        };
    }

    /// <summary>
    /// The outcomes an activity offers: its descriptor's, or for activities whose outcomes are an input (tasks,
    /// approvals, decisions) the names in that input, else the descriptor's defaults.
    /// </summary>
    public static IReadOnlyList<string> Outcomes(ActivityModel activity, ActivityDescriptor? descriptor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (descriptor is null)
        {
            return [];
        }
        if (descriptor.OutcomesFromInput && activity.Inputs["outcomes"] is System.Text.Json.Nodes.JsonArray listed)
        {
            var names = listed.Select(n => n is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
                .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count > 0)
            {
                return names;
            }
        }
        return descriptor.Outcomes;
    }

    /// <summary>
    /// Rebuilds a node's ports after its outcomes changed. An outcome that is gone but still connected keeps its port,
    /// marked undeclared, with its link: the validator names the connection and nothing is lost silently.
    /// </summary>
    public static void RefreshPorts(ActivityNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var wanted = Outcomes(node.Activity, node.Descriptor);
        var used = node.Outputs.Where(p => p.Links.Count > 0).Select(p => p.Outcome!).ToList();
        var current = node.Outputs.Select(p => (p.Outcome!, p.Declared)).ToList();
        var next = wanted.Select(o => (o, true)).Concat(used.Where(u => !wanted.Contains(u)).Select(u => (u, false))).ToList();
        if (current.SequenceEqual(next))
        {
            return;
        }
        var links = node.Outputs.ToDictionary(p => p.Outcome!, p => p.Links.ToList(), StringComparer.Ordinal);
        foreach (var port in node.Outputs.ToList())
        {
            node.RemovePort(port);
        }
        foreach (var (outcome, declared) in next)
        {
            var port = new ActivityPort(node, outcome, PortAlignment.Right, declared);
            node.AddPort(port);
            foreach (var link in links.GetValueOrDefault(outcome) ?? [])
            {
                link.SetSource(new SinglePortAnchor(port));
            }
        }
        node.Size = new Size(ActivityNode.Width, ActivityNode.HeightFor(node.Outputs.Count()));
        node.Refresh();
    }

    /// <summary>A link whose end is not on any activity: drawn ending in the open, to the right of its outcome.</summary>
    public static ConnectionLink Dangling(ActivityPort from, string? missingTarget)
    {
        ArgumentNullException.ThrowIfNull(from);
        var node = from.Activity;
        var end = new Point(node.Position.X + ActivityNode.Width + 80, node.Position.Y + ActivityNode.HeaderHeight);
        return new ConnectionLink(new SinglePortAnchor(from), new PositionAnchor(end), missingTarget);
    }

    private static void AddPorts(ActivityNode node, IReadOnlyList<string> outcomes, IEnumerable<string> connected)
    {
        if (node.Descriptor?.Type != "Start")
        {
            node.AddPort(new ActivityPort(node, null, PortAlignment.Left));
        }
        foreach (var outcome in outcomes)
        {
            node.AddPort(new ActivityPort(node, outcome, PortAlignment.Right));
        }
        // An outcome a connection uses but the activity does not declare stays visible, so it can be seen and fixed.
        foreach (var extra in connected.Distinct(StringComparer.Ordinal).Where(c => !outcomes.Contains(c)))
        {
            node.AddPort(new ActivityPort(node, extra, PortAlignment.Right, declared: false));
        }
        node.Size = new Size(ActivityNode.Width, ActivityNode.HeightFor(node.Outputs.Count()));
    }
}
