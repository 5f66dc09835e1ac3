using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Butler.Workflows.Activities;

/// <summary>
/// A user-facing text in both languages the product speaks: the one bilingual type of the engine, the host and the
/// designer (ADR 023). <see cref="For"/> follows <see cref="Languages"/>: English for an English culture, zh-CN otherwise.
/// </summary>
/// <remarks>
/// In JSON it is <c>{ "en": …, "zh-CN": … }</c>; a plain string is read as the same text in both languages, and an object
/// with one of the two keys uses it for both.
/// </remarks>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed record LocalizedText(string En, string ZhCn)
{
    /// <summary>The same text in both languages (a name, a code, a value written once).</summary>
    public LocalizedText(string both)
        : this(both, both)
    {
    }

    /// <summary>The text in the given culture.</summary>
    public string For(string? culture) => Languages.Pick(ZhCn, En, culture);

    /// <summary>The text in the current UI culture.</summary>
    public string Current => For(CultureInfo.CurrentUICulture.Name);

    public override string ToString() => Current;
}

/// <summary>Reads a plain string or <c>{ "en", "zh-CN" }</c>; always writes the object.</summary>
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
        writer.WriteStartObject();
        writer.WriteString(Languages.English, value.En);
        writer.WriteString(Languages.Chinese, value.ZhCn);
        writer.WriteEndObject();
    }

    private static string ReadString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String
        ? reader.GetString()!
        : throw new JsonException("Each language of a text is a string.");
}
