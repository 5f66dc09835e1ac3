using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Butler.Workflows.Activities;

/// <summary>
/// A user-facing text in both languages the product speaks: the one bilingual type of the engine, the host and the
/// designer (ADR 023). <see cref="For"/> follows <see cref="Languages"/>: English for an English culture, zh-CN otherwise.
/// </summary>
/// <remarks>
/// In JSON it is <c>{ "zh-CN": …, "en": … }</c>, or a plain string when both languages are the same; a plain string is
/// read as the same text in both languages, and an object with one of the two keys uses it for both. In a database
/// column it is stored the same way (<see cref="ToStored"/>, <see cref="FromStored"/>), so a column that held plain
/// strings before stays readable.
/// </remarks>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed record LocalizedText(string En, string ZhCn)
{
    /// <summary>The same text in both languages (a name, a code, a value written once).</summary>
    public LocalizedText(string both)
        : this(both, both)
    {
    }

    /// <summary>A plain string is the same text in both languages, as it is in JSON.</summary>
#pragma warning disable CA2225 // The named alternative is the constructor.
    public static implicit operator LocalizedText(string both) => new(both);
#pragma warning restore CA2225

    /// <summary>The text in the given culture.</summary>
    public string For(string? culture) => Languages.Pick(ZhCn, En, culture);

    /// <summary>The text in the current UI culture.</summary>
    public string Current => For(CultureInfo.CurrentUICulture.Name);

    /// <summary>True when both languages say the same (a name, a code, a value written once).</summary>
    public bool IsSame => string.Equals(En, ZhCn, StringComparison.Ordinal);

    /// <summary>The text in the language of its code (<see cref="Languages.Chinese"/> or <see cref="Languages.English"/>).</summary>
    public string this[string language] => For(language);

    /// <summary>Applies <paramref name="each"/> to both languages, passing the language code with each text.</summary>
    public LocalizedText Map(Func<string, string, string> each)
    {
        ArgumentNullException.ThrowIfNull(each);
        return new LocalizedText(each(En, Languages.English), each(ZhCn, Languages.Chinese));
    }

    /// <summary>This text cut to at most <paramref name="max"/> characters in each language.</summary>
    public LocalizedText Truncate(int max) =>
        En.Length <= max && ZhCn.Length <= max ? this : new LocalizedText(En.Length > max ? En[..max] : En, ZhCn.Length > max ? ZhCn[..max] : ZhCn);

    /// <summary>The column value: the plain text when both languages are the same, else the JSON object.</summary>
    public string ToStored() => IsSame ? En : JsonSerializer.Serialize(this, Stored);

    /// <summary>Chinese stays readable in the column (and in a LIKE search), not escaped as \u sequences.</summary>
    private static readonly JsonSerializerOptions Stored = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads a column value: a JSON object with "zh-CN" and/or "en", or anything else as the same text in both languages
    /// (plain strings written before texts were bilingual, or by hand).
    /// </summary>
    public static LocalizedText FromStored(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return new LocalizedText("");
        }
        if (stored[0] == '{' && stored[^1] == '}')
        {
            try
            {
                return JsonSerializer.Deserialize<LocalizedText>(stored) ?? new LocalizedText(stored);
            }
            catch (JsonException)
            {
                // A title such as "{draft}" is a plain text.
            }
        }
        return new LocalizedText(stored);
    }

    /// <summary>
    /// Reads a definition value that may be a plain string or a <c>{ "zh-CN", "en" }</c> object; null for a missing
    /// value, one of another kind, or an object with neither language.
    /// </summary>
    public static LocalizedText? FromNode(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node?.GetValueKind())
        {
            case JsonValueKind.String:
                return new LocalizedText(node.GetValue<string>());
            case JsonValueKind.Object:
                try
                {
                    return node.Deserialize<LocalizedText>();
                }
                catch (JsonException)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    /// <summary>This text as a definition value: a plain string when both languages are the same, else the object.</summary>
    public System.Text.Json.Nodes.JsonNode ToNode() => IsSame
        ? System.Text.Json.Nodes.JsonValue.Create(En)
        : new System.Text.Json.Nodes.JsonObject { [Languages.Chinese] = ZhCn, [Languages.English] = En };

    /// <summary>The text for a culture when there is one; <paramref name="fallback"/> for a missing text.</summary>
    public static string For(LocalizedText? text, string? culture, string fallback = "") => text?.For(culture) ?? fallback;

    public override string ToString() => Current;
}

/// <summary>Reads a plain string or <c>{ "zh-CN", "en" }</c>; writes the plain string when both languages are the same, else the object.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LocalizedText(reader.GetString()!);
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text is a string or an object with \"zh-CN\" and \"en\".");
        }
        string? en = null, zh = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            reader.Read();
            if (string.Equals(key, Languages.English, StringComparison.OrdinalIgnoreCase))
            {
                en = ReadString(ref reader);
            }
            else if (string.Equals(key, Languages.Chinese, StringComparison.OrdinalIgnoreCase))
            {
                zh = ReadString(ref reader);
            }
            else
            {
                // A language Butler does not speak (yet) is not an error.
                reader.Skip();
            }
        }
        return (en ?? zh, zh ?? en) is ({ } e, { } z)
            ? new LocalizedText(e, z)
            : throw new JsonException("A text object needs \"zh-CN\" or \"en\".");
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsSame)
        {
            writer.WriteStringValue(value.En);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString(Languages.Chinese, value.ZhCn);
        writer.WriteString(Languages.English, value.En);
        writer.WriteEndObject();
    }

    private static string ReadString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String
        ? reader.GetString()!
        : throw new JsonException("Each language of a text is a string.");
}
