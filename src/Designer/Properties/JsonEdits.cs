using System.Text.Json;
using System.Text.Json.Nodes;

namespace Butler.Designer.Properties;

/// <summary>Small helpers for reading and writing the JSON values of activity inputs in place.</summary>
internal static class JsonEdits
{
    /// <summary>Sets or, for null, removes a property; a node already in that place is left as it is.</summary>
    public static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(name);
        }
        else if (!ReferenceEquals(target[name], value))
        {
            target[name] = value.Parent is null ? value : value.DeepClone();
        }
    }

    /// <summary>Replaces an element of an array, taking a copy of a node that belongs elsewhere.</summary>
    public static void Set(JsonArray target, int index, JsonNode value)
    {
        if (!ReferenceEquals(target[index], value))
        {
            target[index] = value.Parent is null ? value : value.DeepClone();
        }
    }

    public static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        value = "";
        return false;
    }

    public static bool IsString(JsonNode? node) => IsString(node, out _);

    public static string? AsString(JsonNode? node) => IsString(node, out var s) ? s : null;

    public static bool IsStringList(JsonNode? node) => node is JsonArray list && list.All(IsString);

    public static List<string> Strings(JsonNode? node) =>
        node is JsonArray list ? [.. list.Select(n => AsString(n) ?? "")] : [];

    public static JsonArray ToArray(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
