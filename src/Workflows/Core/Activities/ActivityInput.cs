using System.Text.Json.Nodes;

namespace Butler.Workflows.Activities;

/// <summary>An input an activity declares once: the descriptor the designer and validator see, and how the activity reads it.</summary>
/// <remarks>
/// An activity keeps its inputs in <c>static readonly</c> fields, builds its <see cref="ActivityDescriptor"/> from their
/// <see cref="Descriptor"/>s and reads through them, so an input's name (and its default) is written in one place. The kind
/// of reader is chosen by the factory and must fit the declared <see cref="InputType"/>; a mismatch fails when the activity
/// type loads.
/// </remarks>
public abstract class ActivityInput
{
    private protected ActivityInput(InputDescriptor descriptor) => Descriptor = descriptor;

    /// <summary>What the designer shows and the validator checks.</summary>
    public InputDescriptor Descriptor { get; }

    /// <summary>The input's key in an activity's <c>inputs</c> object.</summary>
    public string Name => Descriptor.Name;

    /// <summary>True when the definition sets this input at all, even to null.</summary>
    public bool IsSet(JsonObject inputs) => inputs.ContainsKey(Name);

    /// <summary>The input's JSON as the definition holds it; null when absent.</summary>
    public JsonNode? Node(JsonObject inputs) => inputs.TryGetPropertyValue(Name, out var node) ? node : null;

    /// <summary>A text-valued input (text, template, expression, choice, identifier, duration), read as a JSON string;
    /// the descriptor's <see cref="InputDescriptor.Default"/> (or null) when absent or not a string.</summary>
    public static ActivityInput<string?> String(InputDescriptor descriptor)
    {
        var fallback = TextOf(Fit(descriptor, InputType.Text, InputType.Expression, InputType.Choice, InputType.Identifier,
            InputType.Duration).Default);
        return new(descriptor, node => TextOf(node) ?? fallback);
    }

    /// <summary>A template with <c>{{variable}}</c> placeholders, one string for both languages or
    /// <c>{ "zh-CN": …, "en": … }</c>; null when absent or of another kind.</summary>
    public static ActivityInput<LocalizedText?> Template(InputDescriptor descriptor)
    {
        var fallback = LocalizedText.FromNode(Fit(descriptor, InputType.Template).Default);
        return new(descriptor, node => LocalizedText.FromNode(node) ?? fallback);
    }

    /// <summary>A list of strings, read as its non-empty strings; the descriptor's default (or an empty list) when absent,
    /// not a list or an empty list.</summary>
    public static ActivityInput<IReadOnlyList<string>> StringList(InputDescriptor descriptor)
    {
        IReadOnlyList<string> fallback = ListOf(Fit(descriptor, InputType.StringList).Default)?.AsReadOnly() ?? [];
        return new(descriptor, node => ListOf(node) ?? fallback);
    }

    /// <summary>A list of objects (form fields), read as the JSON array; null when absent or not a list.</summary>
    public static ActivityInput<JsonArray?> Array(InputDescriptor descriptor) =>
        new(Fit(descriptor, InputType.FormFields), node => node as JsonArray);

    /// <summary>A spec the run resolves (an assignee or approvers: <c>{"user"}</c>, <c>{"role"}</c>, <c>{"expression"}</c> or a list),
    /// read as its JSON; null when absent.</summary>
    public static ActivityInput<JsonNode?> Spec(InputDescriptor descriptor) =>
        new(Fit(descriptor, InputType.Assignee, InputType.AssigneeList), node => node);

    /// <summary>A yes/no input, read as a JSON boolean; the descriptor's default (or false) when absent or not a boolean.</summary>
    public static ActivityInput<bool> Switch(InputDescriptor descriptor)
    {
        var fallback = Fit(descriptor, InputType.Switch).Default is JsonValue d && d.TryGetValue<bool>(out var b) && b;
        return new(descriptor, node => node is JsonValue v && v.TryGetValue<bool>(out var value) ? value : fallback);
    }

    /// <summary>A whole number, read as a JSON integer; null when absent or not a whole number.</summary>
    public static ActivityInput<int?> Count(InputDescriptor descriptor) =>
        new(Fit(descriptor, InputType.Count), node => node is JsonValue v && v.TryGetValue<int>(out var value) ? value : null);

    /// <summary>User names and whole numbers (票签 weights); an empty map when absent or of another shape.</summary>
    public static ActivityInput<IReadOnlyDictionary<string, int>> WeightMap(InputDescriptor descriptor) =>
        new(Fit(descriptor, InputType.WeightMap), node => node is JsonObject map
            ? map.Where(p => p.Value is JsonValue v && v.TryGetValue<int>(out _)).ToDictionary(p => p.Key, p => p.Value!.GetValue<int>(), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase));

    private static string? TextOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static List<string>? ListOf(JsonNode? node) =>
        node is JsonArray { Count: > 0 } array ? [.. array.Select(n => TextOf(n) ?? "").Where(s => s.Length > 0)] : null;

    private static InputDescriptor Fit(InputDescriptor descriptor, params ReadOnlySpan<InputType> kinds)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        foreach (var kind in kinds)
        {
            if (kind == descriptor.Type)
            {
                return descriptor;
            }
        }
        throw new ArgumentException(
            $"Input '{descriptor.Name}' is declared {descriptor.Type}, which this reader does not read; it reads {string.Join(", ", kinds.ToArray())}.",
            nameof(descriptor));
    }
}
