using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Butler.Workflows.Input;

/// <summary>Where a JSON text stops being well-formed: a 1-based line and position (in bytes, as the parser counts).</summary>
public sealed record JsonSyntaxError(long Line, long Position);

/// <summary>
/// The kind of value a place in a JSON document takes: <see cref="Kind"/> is <c>text</c>, <c>boolean</c>,
/// <c>integer</c>, <c>number</c>, <c>guid</c>, <c>date</c>, <c>instant</c>, <c>object</c>, <c>array</c> or
/// <see cref="OneOf"/> (then <see cref="Choices"/> lists the names); <see cref="Words"/> says it in both languages.
/// </summary>
public sealed record JsonExpectation(string Kind, IReadOnlyList<string>? Choices = null)
{
    public const string OneOf = "oneOf";

    /// <summary>The words for each kind but <see cref="OneOf"/>, in English and Chinese (the API's messages use them too).</summary>
    public static readonly IReadOnlyDictionary<string, Activities.LocalizedText> Words = new Dictionary<string, Activities.LocalizedText>(StringComparer.Ordinal)
    {
        ["text"] = new("text", "文本"),
        ["boolean"] = new("true or false", "“是”或“否”（true 或 false）"),
        ["integer"] = new("a whole number", "整数"),
        ["number"] = new("a number", "数字"),
        ["guid"] = new("an id written as a GUID, e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301", "标识（GUID），写法如 3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
        ["date"] = new("a date written yyyy-MM-dd", "日期，写法如 2026-03-01"),
        ["instant"] = new("an instant with its offset, e.g. 2026-12-01T18:00:00+08:00", "带时区的时间，写法如 2026-12-01T18:00:00+08:00"),
        ["object"] = new("an object", "对象"),
        ["array"] = new("an array", "数组"),
    };

    public string En => Kind == OneOf ? $"one of {string.Join(", ", Choices ?? [])}" : Words[Kind].En;

    public string Zh => Kind == OneOf ? $"以下之一：{string.Join("、", Choices ?? [])}" : Words[Kind].ZhCn;
}

/// <summary>
/// Says what is wrong with a JSON document in the words of the document — "'$.activities[0].inputs' must be an
/// object." — never with a .NET type name or the parser's own sentence, for the API and the designer alike.
/// </summary>
public static class JsonInputErrors
{
    /// <summary>The first place the text is not well-formed JSON (after one complete value), or null.</summary>
    public static JsonSyntaxError? FindSyntaxError(ReadOnlySpan<byte> utf8, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            while (reader.Read())
            {
                // Reading every token is the whole check.
            }
            return null;
        }
        catch (JsonException ex)
        {
            return new JsonSyntaxError((ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
        }
    }

    /// <summary><see cref="FindSyntaxError(ReadOnlySpan{byte}, JsonReaderOptions)"/> of a string.</summary>
    public static JsonSyntaxError? FindSyntaxError(string json, JsonReaderOptions options = default) =>
        FindSyntaxError(Encoding.UTF8.GetBytes(json ?? ""), options);

    /// <summary>The message for malformed JSON, in English and in Chinese.</summary>
    public static (string En, string Zh) Malformed(JsonSyntaxError where)
    {
        ArgumentNullException.ThrowIfNull(where);
        var line = where.Line.ToString(CultureInfo.InvariantCulture);
        var position = where.Position.ToString(CultureInfo.InvariantCulture);
        return ($"Malformed JSON (line {line}, position {position}): the text is not well-formed JSON at this point.",
            $"JSON 格式有误（第 {line} 行，第 {position} 个字符）：此处的文本不是格式正确的 JSON。");
    }

    /// <summary>
    /// The message for a well-formed document whose value at <paramref name="path"/> (a JSON path as System.Text.Json
    /// reports it, e.g. <c>$.activities[0].inputs</c>) is of the wrong kind for <paramref name="root"/>.
    /// </summary>
    public static (string En, string Zh) WrongKind(Type root, string? path)
    {
        var at = string.IsNullOrEmpty(path) ? "$" : path;
        if (Expected(root, at) is { } expected)
        {
            return ($"'{at}' must be {expected.En}.", $"'{at}' 必须是{expected.Zh}。");
        }
        return ($"'{at}' has a value of the wrong kind.", $"'{at}' 的值类型不对。");
    }

    /// <summary>What the value at a JSON path of a document of type <paramref name="root"/> must be, or null when any JSON is taken.</summary>
    public static JsonExpectation? Expected(Type root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        Type? type = root;
        foreach (var segment in Segments(path ?? "$"))
        {
            type = type is null ? null : Step(type, segment);
        }
        return type is null ? null : Describe(type);
    }

    private static JsonExpectation? Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(char))
        {
            return new("text");
        }
        if (type == typeof(bool))
        {
            return new("boolean");
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong))
        {
            return new("integer");
        }
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return new("number");
        }
        if (type == typeof(Guid))
        {
            return new("guid");
        }
        if (type == typeof(DateOnly))
        {
            return new("date");
        }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new("instant");
        }
        if (type.IsEnum)
        {
            return new(JsonExpectation.OneOf, [.. Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)]);
        }
        if (type == typeof(JsonObject))
        {
            return new("object");
        }
        if (type == typeof(JsonArray))
        {
            return new("array");
        }
        if (type == typeof(JsonNode) || type == typeof(JsonElement) || type == typeof(JsonValue) || type == typeof(object))
        {
            return null;
        }
        if (DictionaryValueType(type) is not null)
        {
            return new("object");
        }
        if (ElementType(type) is not null)
        {
            return new("array");
        }
        return type.IsClass ? new("object") : null;
    }

    private static Type? Step(Type type, object segment)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (segment is int)
        {
            return type == typeof(JsonArray) ? typeof(JsonNode) : ElementType(type);
        }
        var name = (string)segment;
        if (type == typeof(JsonObject) || type == typeof(JsonNode))
        {
            return typeof(JsonNode);
        }
        if (DictionaryValueType(type) is { } value)
        {
            return value;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            if (string.Equals(jsonName, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.PropertyType;
            }
        }
        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            ?.GetGenericArguments()[1];

    /// <summary>The property names (strings) and indexes (ints) of a path such as <c>$.a[0]['b c'].d</c>.</summary>
    internal static IEnumerable<object> Segments(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return path[(i + 1)..end];
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                yield return path[(i + 2)..end];
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                yield return int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : path[(i + 1)..end];
                i = Math.Min(path.Length, end + 1);
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                end = end < 0 ? path.Length : end;
                yield return path[i..end];
                i = end;
            }
        }
    }
}
