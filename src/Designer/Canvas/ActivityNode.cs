using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Canvas;

/// <summary>
/// One activity on the canvas. It holds the definition's own <see cref="ActivityModel"/> (the property panel edits it in
/// place), one input port on the left (none for Start) and one port per outcome on the right.
/// </summary>
public sealed class ActivityNode : NodeModel
{
    public const double Width = 140;
    public const double HeaderHeight = 44;
    public const double OutcomeRowHeight = 20;

    public ActivityNode(ActivityModel activity, ActivityDescriptor? descriptor, Point position, bool positionSaved)
        : base(position)
    {
        Activity = activity;
        Descriptor = descriptor;
        PositionSaved = positionSaved;
        LoadedAt = position;
        Size = new Size(Width, HeightFor(0));
    }

    public ActivityModel Activity { get; }

    /// <summary>Null when the type is unknown to this server; the node still shows and keeps its data.</summary>
    public ActivityDescriptor? Descriptor { get; }

    /// <summary>True when the definition carried a position, or the node was placed, moved or laid out in the designer.</summary>
    public bool PositionSaved { get; set; }

    /// <summary>Where the node was put when the diagram was built; a node moved since then saves its position.</summary>
    public Point LoadedAt { get; set; }

    /// <summary>The validator's messages about this activity and its connections.</summary>
    public IReadOnlyList<string> Problems { get; set; } = [];

    /// <summary>True while a test run waits on this activity.</summary>
    public bool Active { get; set; }

    public ActivityPort? Input => Ports.OfType<ActivityPort>().FirstOrDefault(p => p.Outcome is null);

    public IEnumerable<ActivityPort> Outputs => Ports.OfType<ActivityPort>().Where(p => p.Outcome is not null);

    public ActivityPort? Output(string outcome) => Outputs.FirstOrDefault(p => p.Outcome == outcome);

    public static double HeightFor(int outcomes) => HeaderHeight + Math.Max(1, outcomes) * OutcomeRowHeight;
}

/// <summary>A port of an activity: the input (no outcome) or the port of one outcome.</summary>
public sealed class ActivityPort(ActivityNode parent, string? outcome, PortAlignment alignment, bool declared = true)
    : PortModel(parent, alignment, null, null)
{
    /// <summary>The outcome this port stands for; null for the input port.</summary>
    public string? Outcome { get; } = outcome;

    /// <summary>False for an outcome the activity does not declare but a connection uses; it is shown so it can be fixed.</summary>
    public bool Declared { get; } = declared;

    public ActivityNode Activity => (ActivityNode)Parent;

    /// <summary>An outcome connects to the input of another activity; nothing else connects.</summary>
    public override bool CanAttachTo(ILinkable other) =>
        Outcome is not null && other is ActivityPort { Outcome: null } target && !ReferenceEquals(target.Parent, Parent);
}

/// <summary>
/// A connection on the canvas. A connection whose target does not exist (a dangling end) keeps the target's name so an
/// unchanged definition saves back as it was.
/// </summary>
public sealed class ConnectionLink : LinkModel
{
    public ConnectionLink(ActivityPort source, ActivityPort target) : base(source, target)
    {
    }

    public ConnectionLink(Blazor.Diagrams.Core.Anchors.Anchor source, Blazor.Diagrams.Core.Anchors.Anchor target, string? missingTarget)
        : base(source, target)
    {
        MissingTarget = missingTarget;
    }

    /// <summary>The target named by the definition that is not on the canvas, if any.</summary>
    public string? MissingTarget { get; }

    public IReadOnlyList<string> Problems { get; set; } = [];
}
