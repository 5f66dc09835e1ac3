using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Butler.Workflows.Activities;

namespace Butler.Workflows.Definitions;

/// <summary>The JSON shape of a workflow definition: a flowchart of activities joined by outcome connections.</summary>
public sealed class WorkflowDefinitionModel
{
    public string Id { get; set; } = "";
    public int Version { get; set; }
    /// <summary>The definition's name in both languages (a plain string in JSON when it is the same in both).</summary>
    public LocalizedText Name { get; set; } = new("");
    public LocalizedText? Description { get; set; }
    public List<VariableModel> Variables { get; set; } = [];
    public List<ActivityModel> Activities { get; set; } = [];
    public List<ConnectionModel> Connections { get; set; } = [];
}

/// <summary>A declared workflow variable with an optional initial value.</summary>
public sealed class VariableModel
{
    public string Name { get; set; } = "";
    public string? Type { get; set; }

    [JsonPropertyName("default")]
    public JsonNode? Default { get; set; }
}

/// <summary>One node of the flowchart.</summary>
public sealed class ActivityModel
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public LocalizedText? Name { get; set; }
    public JsonObject Inputs { get; set; } = [];
    public PositionModel? Position { get; set; }
}

/// <summary>Where the designer draws an activity.</summary>
public sealed class PositionModel
{
    public double X { get; set; }
    public double Y { get; set; }
}

/// <summary>An edge: when <see cref="Source"/> finishes with <see cref="Outcome"/>, <see cref="Target"/> runs.</summary>
public sealed class ConnectionModel
{
    public string Source { get; set; } = "";
    public string Outcome { get; set; } = "Done";
    public string Target { get; set; } = "";
}
