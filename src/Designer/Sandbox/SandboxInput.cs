using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Sandbox;

/// <summary>The sample input of a test run: a JSON object of initial variables, as text the admin edits.</summary>
public static class SandboxInput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Every declared variable with its default (null where it has none), indented for editing.</summary>
    public static string Prefill(WorkflowDefinitionModel definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var input = new JsonObject();
        foreach (var variable in definition.Variables.Where(v => !string.IsNullOrWhiteSpace(v.Name)))
        {
            input[variable.Name] = variable.Default?.DeepClone();
        }
        return input.ToJsonString(Indented);
    }

    /// <summary>
    /// Reads the text as a JSON object; blank is the empty object. On failure <paramref name="error"/> says what is wrong
    /// and where (line and position), in the UI language.
    /// </summary>
    public static bool TryParse(string? text, out JsonObject? input, out string? error)
    {
        input = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            input = [];
            return true;
        }
        try
        {
            if (JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is JsonObject parsed)
            {
                input = parsed;
                return true;
            }
            error = DesignerText.SandboxInputNotObject;
            return false;
        }
        catch (JsonException e)
        {
            error = DesignerText.SandboxInputInvalid((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            return false;
        }
    }
}
