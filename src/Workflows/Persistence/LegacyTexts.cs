using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Butler.Workflows.Persistence;

/// <summary>
/// Converts texts written before they were bilingual data (ADR 024): "中文 / English" in one string, as the shipped
/// workflows titled their tasks and the demo named its teams, becomes <c>{"zh-CN": "中文", "en": "English"}</c>.
/// </summary>
/// <remarks>
/// A value is converted when it has exactly one " / ", both halves are non-empty and the first half has a Chinese
/// character; anything else ("Q1 / Q2 plan", "A / B / C", a JSON object already) stays as it is and is read as the same
/// text in both languages. The rule is written once in C# (<see cref="Split"/>, for definitions' JSON) and once per
/// provider in SQL (<see cref="ConvertColumns"/>, for the columns the migration <c>BilingualTexts</c> converts).
/// </remarks>
public static class LegacyTexts
{
    private const string Separator = " / ";

    /// <summary>The columns that hold bilingual texts: table, column.</summary>
    public static IReadOnlyList<(string Table, string Column)> Columns { get; } =
    [
        ("WorkItems", "Title"),
        ("Approvals", "Title"),
        ("Approvals", "Reason"),
        ("DefinitionVersions", "Name"),
        ("DefinitionVersions", "Description"),
        ("Teams", "Name"),
        ("Problems", "Title"),
        ("LedgerEntries", "Text"),
        ("Leaders", "Title"),
    ];

    /// <summary>The two languages of a "中文 / English" value, or null when it is not one.</summary>
    public static LocalizedText? Split(string? value)
    {
        if (string.IsNullOrEmpty(value) || value[0] == '{')
        {
            return null;
        }
        var at = value.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at + Separator.Length >= value.Length || value.IndexOf(Separator, at + Separator.Length, StringComparison.Ordinal) >= 0)
        {
            return null;
        }
        var chinese = value[..at];
        return chinese.Any(IsChinese) ? new LocalizedText(value[(at + Separator.Length)..], chinese) : null;
    }

    /// <summary>CJK unified ideographs (and extension A): what the SQL of each provider tests too.</summary>
    public static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>
    /// Converts a definition's JSON: its name and description, each activity's name and its title template. Returns
    /// null when nothing was a "中文 / English" value.
    /// </summary>
    public static string? ConvertDefinition(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject definition)
        {
            return null;
        }
        var changed = Convert(definition, "name") | Convert(definition, "description");
        if (definition["activities"] is JsonArray activities)
        {
            foreach (var activity in activities.OfType<JsonObject>())
            {
                changed |= Convert(activity, "name");
                if (activity["inputs"] is JsonObject inputs)
                {
                    changed |= Convert(inputs, "title");
                }
            }
        }
        return changed ? definition.ToJsonString(Definitions.DefinitionJson.Options) : null;
    }

    private static bool Convert(JsonObject owner, string property)
    {
        if (owner[property] is JsonValue value && value.TryGetValue<string>(out var text) && Split(text) is { } both)
        {
            owner[property] = both.ToNode();
            return true;
        }
        return false;
    }

    /// <summary>The migration's data step: every column of <see cref="Columns"/>, in the provider's SQL.</summary>
    public static void ConvertColumns(MigrationBuilder migrationBuilder, DatabaseProvider provider, string? schema)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var (table, column) in Columns)
        {
            migrationBuilder.Sql(provider switch
            {
                DatabaseProvider.Sqlite => Sqlite(table, column),
                DatabaseProvider.PostgreSql => PostgreSql(schema, table, column),
                _ => SqlServer(schema, table, column),
            });
        }
    }

    // SQLite: json_object escapes both halves; GLOB with a code-point range finds a Chinese character.
    private static string Sqlite(string table, string column)
    {
        var c = $"\"{column}\"";
        var at = $"instr({c}, ' / ')";
        return $$"""
            UPDATE "{{table}}" SET {{c}} = json_object('zh-CN', substr({{c}}, 1, {{at}} - 1), 'en', substr({{c}}, {{at}} + 3))
            WHERE {{c}} IS NOT NULL AND {{at}} > 1 AND length({{c}}) > {{at}} + 2 AND instr(substr({{c}}, {{at}} + 3), ' / ') = 0
              AND substr({{c}}, 1, 1) <> '{' AND (substr({{c}}, 1, {{at}} - 1) GLOB '*[一-鿿]*' OR substr({{c}}, 1, {{at}} - 1) GLOB '*[㐀-䶿]*');
            """;
    }

    // PostgreSQL: json_build_object escapes; a regular expression finds a Chinese character.
    private static string PostgreSql(string? schema, string table, string column)
    {
        var t = schema is null ? $"\"{table}\"" : $"\"{schema}\".\"{table}\"";
        var c = $"\"{column}\"";
        var at = $"strpos({c}, ' / ')";
        return $$"""
            UPDATE {{t}} SET {{c}} = json_build_object('zh-CN', left({{c}}, {{at}} - 1), 'en', substr({{c}}, {{at}} + 3))::text
            WHERE {{c}} IS NOT NULL AND {{at}} > 1 AND length({{c}}) > {{at}} + 2 AND strpos(substr({{c}}, {{at}} + 3), ' / ') = 0
              AND left({{c}}, 1) <> '{' AND left({{c}}, {{at}} - 1) ~ '[一-鿿㐀-䶿]';
            """;
    }

    // SQL Server: STRING_ESCAPE writes each half as JSON; a binary collation makes the character range code points.
    private static string SqlServer(string? schema, string table, string column)
    {
        var t = schema is null ? $"[{table}]" : $"[{schema}].[{table}]";
        var c = $"[{column}]";
        var at = $"CHARINDEX(N' / ', {c})";
        return $$"""
            UPDATE {{t}} SET {{c}} = CONCAT(N'{"zh-CN":"', STRING_ESCAPE(LEFT({{c}}, {{at}} - 1), 'json'), N'","en":"',
                STRING_ESCAPE(SUBSTRING({{c}}, {{at}} + 3, LEN({{c}})), 'json'), N'"}')
            WHERE {{c}} IS NOT NULL AND {{at}} > 1 AND LEN({{c}}) > {{at}} + 2 AND CHARINDEX(N' / ', {{c}}, {{at}} + 3) = 0
              AND LEFT({{c}}, 1) <> N'{' AND PATINDEX(N'%[一-鿿㐀-䶿]%' COLLATE Latin1_General_BIN2, LEFT({{c}}, {{at}} - 1)) > 0;
            """;
    }
}
