using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Butler.Host.Components.Tasks;

/// <summary>One form field of a task, read from its <c>FieldsJson</c> (the HumanTask's <c>fields</c> input).</summary>
/// <param name="Type">text, textarea, number, date, boolean or select, as the definition validator allows.</param>
public sealed record TaskFormField(string Name, string Label, string Type, bool Required, IReadOnlyList<string> Options);

/// <summary>Reads a task's fields and turns what the form holds into the values <c>CompleteTaskAsync</c> checks.</summary>
public static class TaskFormFields
{
    /// <summary>The fields in order; a label in both languages is shown in the current one, a missing label falls back to the name.</summary>
    public static IReadOnlyList<TaskFormField> Parse(JsonNode? fields)
    {
        if (fields is not JsonArray array)
        {
            return [];
        }
        var result = new List<TaskFormField>();
        foreach (var field in array.OfType<JsonObject>())
        {
            if (field["name"] is not JsonValue nameNode || !nameNode.TryGetValue<string>(out var name) || name.Length == 0)
            {
                continue;
            }
            var type = field["type"] is JsonValue t && t.TryGetValue<string>(out var typeName) ? typeName : "text";
            var required = field["required"]?.GetValueKind() == JsonValueKind.True;
            var options = field["options"] is JsonArray list
                ? list.Select(o => o is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
                : [];
            result.Add(new TaskFormField(name, LabelOf(field["label"]) ?? name, type, required, options));
        }
        return result;
    }

    private static string? LabelOf(JsonNode? label) => label switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonObject both => Text(both[UiText.IsEnglish ? "en" : "zh-CN"]) ?? Text(both["zh-CN"]) ?? Text(both["en"]),
        _ => null,
    };

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    /// <summary>
    /// The values to send: empty text is left out (the runner then names a missing required field), booleans are
    /// always sent, numbers as numbers. Returns the fields whose text is no number, so the form can say so itself.
    /// </summary>
    public static JsonObject ToValues(IReadOnlyList<TaskFormField> fields, IReadOnlyDictionary<string, string?> text,
        IReadOnlyDictionary<string, bool> flags, out IReadOnlyList<string> notNumbers)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(flags);
        var values = new JsonObject();
        var bad = new List<string>();
        foreach (var field in fields)
        {
            if (field.Type == "boolean")
            {
                values[field.Name] = flags.GetValueOrDefault(field.Name);
                continue;
            }
            var value = text.GetValueOrDefault(field.Name)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            if (field.Type == "number")
            {
                if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    values[field.Name] = number;
                }
                else
                {
                    bad.Add(field.Name);
                }
                continue;
            }
            values[field.Name] = value;
        }
        notNumbers = bad;
        return values;
    }

    /// <summary>Errors of the runner keyed <c>fields.{name}</c> become the field's own; the rest (outcome, comment) stay as they are.</summary>
    public static string ErrorKey(string key) => key.StartsWith("fields.", StringComparison.Ordinal) ? key["fields.".Length..] : key;
}

/// <summary>What the task form sends when an outcome button is pressed.</summary>
public sealed record TaskSubmission(string Outcome, string? Comment, JsonObject Values);
