using System.Text.Json;
using System.Text.Json.Nodes;

namespace Butler.Workflows.Tests.Support;

/// <summary>Builds definition JSON for scenarios without a page of braces per test.</summary>
public sealed class FlowBuilder(string id, string? name = null)
{
    private readonly JsonArray _variables = [];
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];

    public FlowBuilder Variable(string variable, JsonNode? defaultValue = null)
    {
        var node = new JsonObject { ["name"] = variable };
        if (defaultValue is not null)
        {
            node["default"] = defaultValue;
        }
        _variables.Add(node);
        return this;
    }

    public FlowBuilder Activity(string activityId, string type, object? inputs = null)
    {
        _activities.Add(new JsonObject
        {
            ["id"] = activityId,
            ["type"] = type,
            ["inputs"] = inputs is null ? new JsonObject() : JsonSerializer.SerializeToNode(inputs),
        });
        return this;
    }

    public FlowBuilder Start(string activityId = "start") => Activity(activityId, "Start");

    public FlowBuilder End(string activityId = "end") => Activity(activityId, "End");

    public FlowBuilder Task(string activityId, string title, object assignee, string[]? outcomes = null, object[]? fields = null) =>
        Activity(activityId, "HumanTask", new Dictionary<string, object?>
        {
            ["title"] = title,
            ["assignee"] = assignee,
            ["outcomes"] = outcomes,
            ["fields"] = fields,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));

    public FlowBuilder Connect(string source, string target, string outcome = "Done")
    {
        _connections.Add(new JsonObject { ["source"] = source, ["outcome"] = outcome, ["target"] = target });
        return this;
    }

    /// <summary>Connects the activities in order with Done.</summary>
    public FlowBuilder Chain(params string[] ids)
    {
        for (var i = 0; i + 1 < ids.Length; i++)
        {
            Connect(ids[i], ids[i + 1]);
        }
        return this;
    }

    public string Id => id;

    public string Json => new JsonObject
    {
        ["id"] = id,
        ["name"] = name ?? id,
        ["variables"] = _variables.DeepClone(),
        ["activities"] = _activities.DeepClone(),
        ["connections"] = _connections.DeepClone(),
    }.ToJsonString();

    public static object User(string user) => new { user };
    public static object Role(string role) => new { role };
    public static object Expression(string expression) => new { expression };
}
